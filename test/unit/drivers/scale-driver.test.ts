import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { type ScaleConfig, ScaleSection } from "../../../drivers/config-schema.js";
import type { DriverOutlets, LiveWeight } from "../../../drivers/driver-status.js";
import { PlacementTracker } from "../../../drivers/scale/placement-tracker.js";
import { SCALE_PROTOCOLS, scaleProtocolFor } from "../../../drivers/scale/protocols/index.js";
import { ScaleDriver } from "../../../drivers/scale/scale-driver.js";
import { StabilityDetector } from "../../../drivers/scale/stability-detector.js";
import { createMemoryPair } from "../../../drivers/transport/memory-transport.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { FakeClock } from "../../helpers/fake-clock.js";

function recordingOutlets(clock: FakeClock) {
  const publishedAt: number[] = [];
  const stored: Array<{ deviceId: string; kind: string; body: Record<string, unknown> }> = [];
  const live: LiveWeight[] = [];
  const outlets: DriverOutlets = {
    async submit(deviceId, kind, body) {
      stored.push({ deviceId, kind, body });
      return stored.length;
    },
    publishLive(_deviceId, payload) {
      live.push(JSON.parse(payload) as LiveWeight);
      publishedAt.push(clock.now());
    },
  };
  return { outlets, stored, live, publishedAt };
}

function scaleConfig(protocol: ScaleConfig["protocol"], extra: Record<string, unknown> = {}): ScaleConfig {
  return Value.Default(ScaleSection, {
    id: "scale-1",
    protocol,
    serial: { path: "memory" },
    ...extra,
  }) as ScaleConfig;
}

async function rig(protocol: ScaleConfig["protocol"], extra: Record<string, unknown> = {}) {
  const clock = new FakeClock();
  const [host, device] = createMemoryPair();
  const rec = recordingOutlets(clock);
  const driver = new ScaleDriver(scaleConfig(protocol, extra), {
    transport: host,
    outlets: rec.outlets,
    clock,
    log: silentLogger(),
    backoff: { initialMs: 100, maxMs: 1000 },
  });
  await device.open();
  driver.start();
  await clock.advance(0);
  const p = scaleProtocolFor(scaleConfig(protocol, extra));
  /** Send `count` frames of `kg`, one every 100 ms. */
  const send = async (kg: number, count: number, stable = true, state?: "overload" | "underload") => {
    for (let i = 0; i < count; i++) {
      await device.write(p.encode({ kg, stable, ...(state ? { state } : {}) }));
      await clock.advance(100);
    }
  };
  return { clock, host, device, driver, send, ...rec };
}

describe("stability inference", () => {
  it("is stable after N frames within one division or after T ms, whichever comes first", () => {
    const fast = new StabilityDetector({ frames: 3, windowMs: 800 });
    expect(fast.update(1.0, 0.001, 0)).toBe(false);
    expect(fast.update(1.001, 0.001, 50)).toBe(false);
    // Three frames in 100 ms: a fast indicator does not have to wait 800 ms.
    expect(fast.update(1.0, 0.001, 100)).toBe(true);
    expect(fast.update(1.003, 0.001, 150)).toBe(false);
    // A slow indicator (2 frames a second) is stable by time with two frames in the band.
    const slow = new StabilityDetector({ frames: 6, windowMs: 800 });
    expect(slow.update(2.5, 0.001, 0)).toBe(false);
    expect(slow.update(2.5, 0.001, 500)).toBe(false);
    expect(slow.update(2.5, 0.001, 1000)).toBe(true);
  });

  it("infers a 5 g division from the weights shown and accepts ±1 division flicker", () => {
    const d = new StabilityDetector({ frames: 5, windowMs: 800 });
    const seen: boolean[] = [];
    [1.235, 1.24, 1.235, 1.24, 1.235, 1.24].forEach((kg, i) => {
      seen.push(d.update(kg, 0.001, i * 100));
    });
    expect(d.division(0.001)).toBe(0.005);
    expect(seen.at(-1)).toBe(true);
    // A 1 g indicator is not mistaken for a coarse one once it shows an odd gram.
    const fine = new StabilityDetector({ frames: 5, windowMs: 800 });
    for (const kg of [1.235, 1.24, 1.237]) fine.update(kg, 0.001, 0);
    expect(fine.division(0.001)).toBe(0.001);
    // A declared division wins.
    expect(new StabilityDetector({ frames: 5, windowMs: 800, divisionKg: 0.01 }).division(0.001)).toBe(0.01);
  });

  it("publishes one weight per placement; re-arms on empty, on a drop below the fraction, or a large change", () => {
    const t = new PlacementTracker({ zeroBandKg: 0.02, rearmDeltaKg: 0.05, removeFraction: 0.5 });
    expect(t.update(1.2, false)).toBeUndefined();
    expect(t.update(1.234, true)).toBe(1.234);
    expect(t.update(1.234, true)).toBeUndefined();
    expect(t.update(1.26, true)).toBeUndefined();
    expect(t.update(1.5, true)).toBe(1.5);
    expect(t.update(0.01, true)).toBeUndefined();
    expect(t.update(1.5, true)).toBe(1.5);
    expect(t.update(-0.5, true)).toBeUndefined();
    // Two equal boxes swapped without the pan reaching zero: the dip re-arms.
    expect(t.update(5, true)).toBe(5);
    expect(t.update(2.1, false)).toBeUndefined();
    expect(t.update(5, true)).toBe(5);
  });
});

describe("scale driver", () => {
  it("stores one stable weight per placement from a flag-less protocol (yaohua-tf0)", async () => {
    const r = await rig("yaohua-tf0");
    await r.send(0, 10);
    await r.send(1.5, 3);
    await r.send(1.234, 30);
    await r.send(0, 10);
    await r.send(2.5, 30);
    expect(r.stored.map((s) => s.body.net)).toEqual([1.234, 2.5]);
    expect(r.stored[0]).toMatchObject({
      deviceId: "scale-1",
      kind: "weight",
      body: { unit: "kg", stable: true },
    });
    const status = r.driver.status();
    expect(status).toMatchObject({ id: "scale-1", kind: "scale", connected: true, checksumErrors: 0 });
    expect(status.framesOk).toBe(83);
    await r.driver.stop();
  });

  it("rate-limits the live stream to the configured interval", async () => {
    const r = await rig("generic-ad", { liveIntervalMs: 250 });
    await r.send(1, 40);
    // 40 frames over 4 s at ≤ 4 per second.
    expect(r.live.length).toBeGreaterThanOrEqual(14);
    expect(r.live.length).toBeLessThanOrEqual(17);
    const at = r.publishedAt;
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(250);
    await r.driver.stop();
  });

  it("reports overload, underload and negative weights as such, never as stored weights", async () => {
    const r = await rig("generic-ad", { liveIntervalMs: 200 });
    await r.send(0, 3, true, "overload");
    expect(r.live.at(-1)).toMatchObject({ state: "overload", netKg: null });
    await r.send(0, 3, true, "underload");
    expect(r.live.at(-1)).toMatchObject({ state: "underload", netKg: null });
    await r.send(-1.5, 10, true);
    expect(r.live.at(-1)).toMatchObject({ state: "negative", netKg: -1.5 });
    expect(r.stored).toEqual([]);
    await r.driver.stop();
  });

  it("goes stale when a continuous indicator falls silent, and recovers with the next frame", async () => {
    const r = await rig("yaohua-tf0", { staleAfterMs: 2000, liveIntervalMs: 200 });
    await r.send(1.234, 20);
    expect(r.live.at(-1)).toMatchObject({ state: "ok", netKg: 1.234, stable: true });
    await r.clock.advance(2100);
    expect(r.live.at(-1)).toMatchObject({ state: "stale", netKg: null, stable: false });
    await r.send(1.234, 20);
    expect(r.live.at(-1)).toMatchObject({ state: "ok", netKg: 1.234 });
    // The same load after a silence is a new weighing: nothing tells it was not taken off.
    expect(r.stored.map((x) => x.body.net)).toEqual([1.234, 1.234]);
    await r.driver.stop();
  });

  it("demand mode: each Toledo press is one weighing with that press's weight, decoded at its CR", async () => {
    const r = await rig("toledo", { output: "demand" });
    const p = SCALE_PROTOCOLS.toledo;
    for (const kg of [2.5, 3.75, 1.1]) {
      await r.device.write(p.encode({ kg, stable: true }));
      await r.clock.advance(0);
      // Stored before any next frame arrives.
      expect(r.stored.at(-1)?.body.net).toBe(kg);
      await r.clock.advance(5000);
    }
    expect(r.stored.map((x) => x.body.net)).toEqual([2.5, 3.75, 1.1]);
    // No stale in demand mode: silence between presses is normal.
    expect(r.live.some((l) => l.state === "stale")).toBe(false);
    await r.driver.stop();
  });

  it("polls MT-SICS balances with SI and uses their stability flag", async () => {
    const r = await rig("mt-sics", { pollIntervalMs: 200 });
    await r.clock.advance(1000);
    const requests = r.host.written.map((b) => b.toString("latin1"));
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(new Set(requests)).toEqual(new Set(["SI\r\n"]));
    await r.device.write(Buffer.from("S D      3.100 kg\r\nS S      3.125 kg\r\n", "latin1"));
    await r.clock.advance(0);
    expect(r.stored.map((s) => s.body.net)).toEqual([3.125]);
    await r.driver.stop();
  });

  it("counts checksum errors and garbage, and survives an unplug", async () => {
    const r = await rig("yaohua-a12");
    await r.device.write(Buffer.from("\x00\x01junkWG004.139kg3E\r\n", "latin1"));
    await r.clock.advance(0);
    expect(r.driver.status()).toMatchObject({ checksumErrors: 1, framesOk: 0 });
    expect(r.driver.status().garbageBytes).toBeGreaterThan(0);
    expect(r.driver.status().code).toBeUndefined();
    await r.device.write(Buffer.alloc(200, 0x55));
    await r.clock.advance(0);
    expect(r.driver.status().code).toBe("DRIVER_NO_FRAMES");
    r.host.absent = new Error("Error: No such file or directory, cannot open /dev/serial/by-id/x");
    const changes: boolean[] = [];
    r.driver.on("status", (s) => changes.push(s.connected));
    r.host.unplug();
    await r.clock.advance(300);
    expect(r.driver.status()).toMatchObject({ connected: false, code: "DRIVER_DEVICE_ABSENT" });
    r.host.absent = undefined;
    expect(r.driver.status().connected).toBe(false);
    await r.clock.advance(2000);
    expect(r.driver.status()).toMatchObject({ connected: true, reconnects: 1 });
    expect(changes).toEqual([false, true]);
    await r.send(4.139, 20);
    expect(r.stored.map((s) => s.body.net)).toEqual([4.139]);
    await r.driver.stop();
  });
});
