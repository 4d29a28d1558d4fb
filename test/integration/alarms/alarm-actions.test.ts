import type { MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { apiClient } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { removeDir } from "../../helpers/station.js";

let test: KioskTestStation | undefined;
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.endAsync(true);
  await test?.stop();
  if (test) removeDir(test.dataDir);
  test = undefined;
});

async function device(id: string, site: string | null): Promise<MqttClient> {
  if (!test) throw new Error("no station");
  const secret = (await test.station.devices.add(id, "sensor", site)).secret;
  const client = await connectDevice(test.mqttUrl, id, secret);
  clients.push(client);
  return client;
}

const low = (c: MqttClient, ts: number) =>
  c.publishAsync("trace/v1/dev/do1/reading", JSON.stringify({ ts, values: { dissolved_oxygen: 3 } }), {
    qos: 1,
  });
const high = (c: MqttClient, ts: number) =>
  c.publishAsync("trace/v1/dev/do1/reading", JSON.stringify({ ts, values: { dissolved_oxygen: 8 } }), {
    qos: 1,
  });

describe("alarm actions: a command to an actuator under its cmd/ topic", () => {
  it("the aerator gets the command once and acknowledges; an offline aerator is reported, not silently skipped", async () => {
    test = await startKioskStation({
      alarms: {
        rules: [
          {
            id: "pond-do",
            preset: "trout-oxygen-low",
            site: "pond1",
            forSec: 0,
            action: { device: "aer1", command: "aerator", payload: { on: true } },
          },
        ],
      },
    });
    const t = test;
    const api = apiClient(t.baseUrl);
    const do1 = await device("do1", "pond1");
    const aer1 = await device("aer1", "pond1");
    const received: Array<{ topic: string; body: Record<string, unknown> }> = [];
    aer1.on("message", (topic, payload) => {
      const body = JSON.parse(payload.toString()) as Record<string, unknown>;
      received.push({ topic, body });
      // The aerator's firmware: switch the relay, answer with the command's id.
      void aer1.publishAsync("trace/v1/dev/aer1/ack", JSON.stringify({ cmdId: body.cmdId, ok: true }), {
        qos: 1,
      });
    });
    await aer1.subscribeAsync("trace/v1/dev/aer1/cmd/#", { qos: 1 });
    await waitFor(() => t.station.devices.get("aer1")?.online === true);
    // Station events for a farm's own display: what the broker delivers on trace/v1/station/alarm/#.
    const stationEvents: string[] = [];
    t.station.broker.aedes.on("publish", (packet) => {
      if (packet.topic.startsWith("trace/v1/station/alarm/")) stationEvents.push(packet.topic);
    });

    const t0 = Date.now();
    await low(do1, t0);
    await low(do1, t0 + 1000);
    await low(do1, t0 + 2000);
    await waitFor(
      async () => (await api.get("/api/alarms")).body.alarms[0]?.action?.state === "acknowledged",
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(1);
    expect(received[0]?.topic).toBe("trace/v1/dev/aer1/cmd/aerator");
    expect(received[0]?.body).toMatchObject({ on: true, cmdId: "ST01-alarm-1", alarm: 1, rule: "pond-do" });
    const [alarm] = (await api.get("/api/alarms")).body.alarms;
    expect(alarm.action).toMatchObject({
      device: "aer1",
      command: "aerator",
      state: "acknowledged",
      cmdId: "ST01-alarm-1",
    });
    expect(stationEvents).toEqual([
      "trace/v1/station/alarm/raised",
      "trace/v1/station/alarm/action",
      "trace/v1/station/alarm/action",
    ]);

    // Next episode with the aerator unplugged: no command is queued, and the alarm says so.
    await high(do1, t0 + 3000);
    await aer1.endAsync(true);
    clients.splice(clients.indexOf(aer1), 1);
    await waitFor(() => t.station.devices.get("aer1")?.online === false);
    await low(do1, t0 + 4000);
    const [second] = (await api.get("/api/alarms")).body.alarms;
    expect(second.id).toBe(2);
    expect(second.action).toMatchObject({ state: "offline", cmdId: null });
    expect(second.action.detail).toContain("离线");
    expect(received).toHaveLength(1);

    const steps = t.station.db
      .prepare("SELECT record_id FROM outbox WHERE stream = 'alarms' ORDER BY id")
      .all()
      .map((r) => (r as { record_id: string }).record_id);
    expect(steps).toEqual([
      "alarm:1:raised",
      "alarm:1:action",
      "alarm:1:cleared",
      "alarm:2:raised",
      "alarm:2:action",
    ]);
  });

  it("a command nobody answers is recorded as not acknowledged after its timeout; a stray ack is refused", async () => {
    test = await startKioskStation({
      alarms: {
        rules: [
          {
            id: "barn-fan",
            preset: "barn-nh3-high",
            device: "nh1",
            forSec: 0,
            action: { device: "fan1", command: "fan", payload: { speed: 2 }, ackTimeoutSec: 1 },
          },
        ],
      },
    });
    const t = test;
    const api = apiClient(t.baseUrl);
    const nh1 = await device("nh1", "barn1");
    const fan1 = await device("fan1", "barn1");
    let commands = 0;
    fan1.on("message", () => {
      commands += 1;
    });
    await fan1.subscribeAsync(["trace/v1/dev/fan1/cmd/#", "trace/v1/dev/fan1/error"], { qos: 1 });
    await waitFor(() => t.station.devices.get("fan1")?.online === true);
    await nh1.publishAsync("trace/v1/dev/nh1/reading", JSON.stringify({ values: { nh3: 40 } }), { qos: 1 });
    await waitFor(
      async () => (await api.get("/api/alarms")).body.alarms[0]?.action?.state === "no_ack",
      5000,
    );
    expect(commands).toBe(1);
    // An ack for a command this device never got is refused with a reason on its error topic.
    const error = new Promise<Record<string, unknown>>((resolve) =>
      fan1.on("message", (topic, payload) => {
        if (topic.endsWith("/error")) resolve(JSON.parse(payload.toString()) as Record<string, unknown>);
      }),
    );
    await fan1.publishAsync("trace/v1/dev/fan1/ack", JSON.stringify({ cmdId: "ST01-alarm-99", ok: true }), {
      qos: 1,
    });
    expect(await error).toMatchObject({ code: "ALARM_NOT_FOUND" });
    const [alarm] = (await api.get("/api/alarms")).body.alarms;
    expect(alarm.action.state).toBe("no_ack");
  });
});
