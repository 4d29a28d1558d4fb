import { describe, expect, it } from "vitest";
import { MemoryTransport } from "../../../drivers/transport/memory-transport.js";
import { ReconnectSupervisor } from "../../../drivers/transport/reconnect-supervisor.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { FakeClock } from "../../helpers/fake-clock.js";

describe("reconnect supervisor", () => {
  it("retries a device absent at start with capped backoff, then recovers from an unplug", async () => {
    const clock = new FakeClock();
    const transport = new MemoryTransport("/dev/serial/by-id/usb-scale");
    transport.absent = new Error("Error: No such file or directory, cannot open /dev/serial/by-id/usb-scale");
    const supervisor = new ReconnectSupervisor(
      transport,
      clock,
      { initialMs: 100, maxMs: 1000 },
      silentLogger(),
    );
    const events: string[] = [];
    supervisor.on("connected", () => events.push("connected"));
    supervisor.on("disconnected", () => events.push("disconnected"));
    supervisor.start();
    await clock.advance(0);
    expect(supervisor.connected).toBe(false);
    expect(supervisor.failedOpens).toBe(1);
    // Attempts at 100, 300, 700, 1500, 2500, 3500 ms: doubling, capped at maxMs.
    await clock.advance(3500);
    expect(supervisor.failedOpens).toBe(7);
    expect(supervisor.lastError).toContain("No such file");

    transport.absent = undefined;
    await clock.advance(1000);
    expect(supervisor.connected).toBe(true);
    expect(supervisor.reconnects).toBe(0);

    transport.unplug();
    expect(supervisor.connected).toBe(false);
    // The backoff restarted from the initial delay after the successful open.
    await clock.advance(100);
    expect(supervisor.connected).toBe(true);
    expect(supervisor.reconnects).toBe(1);
    expect(events).toEqual(["connected", "disconnected", "connected"]);

    await supervisor.stop();
    transport.unplug();
    await clock.advance(5000);
    expect(supervisor.connected).toBe(false);
  });
});
