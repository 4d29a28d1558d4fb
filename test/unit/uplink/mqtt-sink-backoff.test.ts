import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../../edge/config/load.js";
import { DeliveryState } from "../../../edge/uplink/delivery-state.js";
import { MqttSink } from "../../../edge/uplink/mqtt-sink.js";
import { stationFormat } from "../../../edge/uplink/record-formats.js";
import { FakeClock } from "../../helpers/fake-clock.js";
import { waitFor } from "../../helpers/poll.js";
import { tempStationDb } from "../../helpers/uplink-fixtures.js";
import { freePort } from "../../helpers/uplink-upstream.js";

describe("MQTT sink reconnects on the injected clock", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("waits a jittered, growing backoff between attempts and notes the error", async () => {
    const t = tempStationDb();
    cleanup = t.cleanup;
    const port = await freePort(); // nothing listens: every attempt is refused
    const { config } = validateConfig({
      uplink: {
        sinks: [{ type: "mqtt", name: "up", url: `mqtt://127.0.0.1:${port}` }],
        backoff: { initialMs: 1000, maxMs: 3000, factor: 2 },
      },
    });
    const sinkConfig = config.uplink.sinks[0];
    if (sinkConfig?.type !== "mqtt") throw new Error("config");
    const clock = new FakeClock(1_000_000);
    const state = new DeliveryState(t.db, "up", "ST01", stationFormat("ST01"));
    const sink = new MqttSink(
      sinkConfig,
      state,
      "ST01",
      config.uplink.backoff,
      clock,
      pino({ level: "silent" }),
      () => 0.5,
    );
    sink.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      // While disconnected the only timers are reconnects (idle polls and flushes are 200–250 ms).
      await waitFor(() => clock.pending(500).length === 1, {
        what: `attempt ${attempt} to fail`,
        timeoutMs: 20_000,
      });
      const timer = clock.pending(500)[0];
      if (!timer) throw new Error("no reconnect timer");
      delays.push(timer.ms);
      clock.fire(timer);
    }
    // Ceilings 1000, 2000, 3000 (max), 3000; equal jitter at 0.5 gives three quarters of each.
    expect(delays).toEqual([750, 1500, 2250, 2250]);
    expect(sink.connected).toBe(false);
    expect(state.lastFailure?.message).toContain("UPLINK_CONNECT_FAILED");
    await sink.stop();
    expect(t.db.prepare("SELECT last_error FROM uplink_sink_state WHERE sink = 'up'").get()).toEqual({
      last_error: expect.stringContaining("ECONNREFUSED"),
    });
  });
});
