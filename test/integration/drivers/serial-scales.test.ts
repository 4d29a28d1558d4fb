import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCALE_PROTOCOLS } from "../../../drivers/scale/protocols/index.js";
import { SCALE_PROTOCOL_IDS, type ScaleProtocolId } from "../../../drivers/scale/protocols/types.js";
import { serialSettings } from "../../../drivers/serial-defaults.js";
import { DEFAULT_SIMULATOR, ScaleSimulator } from "../../../drivers/simulators/scale-simulator.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { systemClock } from "../../../edge/core/clock.js";
import { waitFor } from "../../helpers/poll.js";
import { createPtyPair, PtyPair } from "../../helpers/pty.js";
import { removeDir, startTestStation, type TestStation, tempDir } from "../../helpers/station.js";

/**
 * Real station, real serialport binding, real ptys (socat): a simulated indicator of every
 * protocol feeds its scale driver; noise, unplug and replug are done to the pty pair itself.
 */
interface Rig {
  id: string;
  protocol: ScaleProtocolId;
  pty: PtyPair;
  device?: SerialTransport;
  simulator?: ScaleSimulator;
}

const dir = tempDir("drivers-scales");
const rigs: Rig[] = [];
let t: TestStation;

const weights = (deviceId: string): number[] =>
  (
    t.station.db
      .prepare("SELECT payload FROM messages WHERE device_id = ? AND kind = 'weight' ORDER BY id")
      .all(deviceId) as Array<{ payload: string }>
  ).map((r) => (JSON.parse(r.payload) as { net: number }).net);

async function startSimulator(rig: Rig, fast = true): Promise<void> {
  const p = SCALE_PROTOCOLS[rig.protocol];
  const device = new SerialTransport(serialSettings({ path: rig.pty.b }, p.serial));
  await device.open();
  rig.device = device;
  rig.simulator = new ScaleSimulator(device, systemClock, {
    ...DEFAULT_SIMULATOR,
    protocol: p,
    frameIntervalMs: 50,
    emptyMs: fast ? 500 : 1000,
    settleMs: 300,
    holdMs: 1500,
  });
  rig.simulator.start();
}

async function stopSimulator(rig: Rig): Promise<void> {
  rig.simulator?.stop();
  await rig.device?.close().catch(() => undefined);
}

beforeAll(async () => {
  const scales = [];
  for (const protocol of [
    ...SCALE_PROTOCOL_IDS,
    "generic-ad-noise",
    "yaohua-tf0-replug",
    "mt-sics-absent",
  ] as const) {
    const id = `scale-${protocol}`;
    const real = protocol.replace(/-(noise|replug|absent)$/, "") as ScaleProtocolId;
    const ptyDir = join(dir, protocol);
    mkdirSync(ptyDir);
    // The "absent" scale is not plugged in when the station starts.
    const pty = protocol.endsWith("-absent") ? new PtyPair(ptyDir) : await createPtyPair(ptyDir);
    const rig: Rig = { id, protocol: real, pty };
    rigs.push(rig);
    scales.push({
      id,
      protocol: real,
      serial: { path: rig.pty.a },
      pollIntervalMs: 100,
      stability: { frames: 4, windowMs: 300 },
    });
  }
  t = await startTestStation({ drivers: { scales, reconnectMaxMs: 1000 } });
});

afterAll(async () => {
  for (const rig of rigs) await stopSimulator(rig);
  await t?.stop();
  for (const rig of rigs) await rig.pty.unplug();
  removeDir(dir);
});

const rig = (protocol: string) => rigs.find((r) => r.id === `scale-${protocol}`)!;

describe("serial scales over pty pairs", () => {
  it("every protocol's simulated indicator produces stored stable weights, one per placement", async () => {
    const protocolRigs = SCALE_PROTOCOL_IDS.map((p) => rig(p));
    await Promise.all(protocolRigs.map((r) => startSimulator(r)));
    await waitFor(() => protocolRigs.every((r) => weights(r.id).length >= 2), 40_000, 100);
    for (const r of protocolRigs) {
      const stored = weights(r.id);
      // Each stored weight is a load the simulator placed, and no load was stored twice in a row.
      for (const kg of stored) expect(r.simulator!.placed, `${r.protocol} stored ${kg}`).toContain(kg);
      expect(stored.length, r.protocol).toBeLessThanOrEqual(r.simulator!.placed.length);
      const status = t.station.drivers.status().find((s) => s.id === r.id)!;
      expect(status, r.protocol).toMatchObject({ connected: true, checksumErrors: 0 });
      expect(status.framesOk).toBeGreaterThan(10);
    }
    await Promise.all(protocolRigs.map((r) => stopSimulator(r)));
  });

  it("1 MiB of random bytes causes no crash and no false weight, and frames after it still count", async () => {
    const r = rig("generic-ad-noise");
    const device = new SerialTransport(
      serialSettings({ path: r.pty.b }, SCALE_PROTOCOLS["generic-ad"].serial),
    );
    await device.open();
    r.device = device;
    const noise = randomBytes(1024 * 1024);
    for (let i = 0; i < noise.length; i += 4096) await device.write(noise.subarray(i, i + 4096));
    await waitFor(
      () => (t.station.drivers.status().find((s) => s.id === r.id)?.garbageBytes ?? 0) > 900_000,
      30_000,
    );
    expect(weights(r.id)).toEqual([]);
    const frame = SCALE_PROTOCOLS["generic-ad"].encode({ kg: 3.21, stable: true });
    for (let i = 0; i < 5; i++) await device.write(frame);
    await waitFor(() => weights(r.id).length === 1, 10_000);
    expect(weights(r.id)).toEqual([3.21]);
  });

  it("an unplugged and replugged scale recovers within 5 s without restarting the station", async () => {
    const r = rig("yaohua-tf0-replug");
    await startSimulator(r);
    const status = () => t.station.drivers.status().find((s) => s.id === r.id)!;
    await waitFor(() => status().framesOk > 20, 10_000);
    await stopSimulator(r);
    await r.pty.unplug();
    await waitFor(() => status().connected === false, 10_000);
    const framesBefore = status().framesOk;

    const replugAt = Date.now();
    await r.pty.plugIn();
    await startSimulator(r);
    await waitFor(() => status().connected && status().framesOk > framesBefore, 10_000, 20);
    const recoveredMs = Date.now() - replugAt;
    expect(recoveredMs).toBeLessThan(5000);
    expect(status().reconnects).toBe(1);
    // The kiosk's live feed keeps the scale's port state and its latest live weight.
    const snapshot = t.station.live.snapshot();
    const scaleState = snapshot.filter(
      (e) => e.kind === "scale" && (e.data as { deviceId: string }).deviceId === r.id,
    );
    expect(scaleState.at(-1)?.data).toMatchObject({ connected: true, reconnects: 1 });
    await waitFor(
      () =>
        t.station.live
          .snapshot()
          .some((e) => e.kind === "weight" && (e.data as { deviceId: string; ts: number }).ts >= replugAt),
      10_000,
    );
    await waitFor(() => weights(r.id).length >= 1, 20_000);
  });

  it("a scale absent when the station starts is retried, not fatal, and works once plugged in", async () => {
    const r = rig("mt-sics-absent");
    const status = () => t.station.drivers.status().find((s) => s.id === r.id)!;
    expect(status()).toMatchObject({ connected: false, code: "DRIVER_DEVICE_ABSENT", framesOk: 0 });
    await r.pty.plugIn();
    await startSimulator(r);
    await waitFor(() => status().connected, 10_000);
    await waitFor(() => weights(r.id).length >= 1, 20_000);
    expect(r.simulator!.placed).toContain(weights(r.id)[0]);
    expect(status().reconnects).toBe(0);
  });
});
