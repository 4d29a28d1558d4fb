import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModels } from "../../../drivers/modbus/model-loader.js";
import { LINE_9600_8N1, serialSettings } from "../../../drivers/serial-defaults.js";
import { ModbusSlaveSimulator, type SimulatedSensor } from "../../../drivers/simulators/modbus-slave.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { waitFor } from "../../helpers/poll.js";
import { createPtyPair, type PtyPair } from "../../helpers/pty.js";
import { removeDir, startTestStation, type TestStation, tempDir } from "../../helpers/station.js";

/**
 * Issue 14 acceptance, Modbus on a bad bus: a real station and the real serialport binding
 * over socat ptys. Bus A: three dead sensors and one live at 1 s, timeout 1000 ms, for a
 * minute. Bus B: an adapter that echoes every request before the answer (`echo: true`), and
 * a sensor that is dead and then answers again.
 */
const dir = tempDir("modbus-bad-bus");
const ptys: PtyPair[] = [];
const ends: SerialTransport[] = [];
let t: TestStation;
const models = loadModels();
const air = models.get("air-th-rs485")!;
const revived: SimulatedSensor = { model: air, silent: true };
let startedAt = 0;

const readingsOf = (deviceId: string, from = 0) =>
  (
    t.station.db
      .prepare(
        "SELECT count(*) AS n FROM messages WHERE device_id = ? AND kind = 'reading' AND received_at >= ?",
      )
      .get(deviceId, from) as { n: number }
  ).n;
const health = (id: string) => t.station.drivers.health().find((h) => h.id === id)!;

async function line(name: string): Promise<{ pty: PtyPair; end: SerialTransport }> {
  mkdirSync(join(dir, name));
  const pty = await createPtyPair(join(dir, name));
  ptys.push(pty);
  const end = new SerialTransport(serialSettings({ path: pty.b }, LINE_9600_8N1));
  await end.open();
  ends.push(end);
  return { pty, end };
}

beforeAll(async () => {
  const a = await line("a");
  const b = await line("b");
  new ModbusSlaveSimulator(a.end, new Map([[1, { model: air }]]));
  // The echoing adapter: every byte the master sends comes straight back, then the answer.
  b.end.on("data", (chunk) => void b.end.write(chunk));
  new ModbusSlaveSimulator(
    b.end,
    new Map([
      [1, { model: air }],
      [6, revived],
    ]),
  );
  const sensor = (id: string, address: number) => ({
    id,
    model: "air-th-rs485",
    address,
    pollIntervalMs: 1000,
  });
  t = await startTestStation({
    drivers: {
      modbus: [
        {
          id: "bus-a",
          serial: { path: a.pty.a },
          timeoutMs: 1000,
          sensors: [sensor("dead-2", 2), sensor("dead-3", 3), sensor("dead-4", 4), sensor("live-1", 1)],
        },
        {
          id: "bus-b",
          serial: { path: b.pty.a },
          echo: true,
          timeoutMs: 500,
          retryMaxMs: 2000,
          sensors: [sensor("echo-1", 1), sensor("revive-6", 6)],
        },
      ],
    },
  });
  startedAt = Date.now();
}, 30_000);

afterAll(async () => {
  await t?.stop();
  for (const end of ends) await end.close().catch(() => undefined);
  for (const p of ptys) await p.unplug();
  removeDir(dir);
});

describe("modbus on a bad bus (real ptys)", () => {
  it("an echoing adapter with echo: true yields readings", async () => {
    await waitFor(() => readingsOf("echo-1") >= 3, 10_000);
    expect(health("echo-1")).toMatchObject({ online: true, problem: null });
  });

  it("a dead sensor that answers again recovers within two poll intervals of its capped backoff", async () => {
    await waitFor(
      () => health("revive-6").modbus?.dead === true && health("revive-6").modbus?.retryMs === 2000,
      20_000,
    );
    revived.silent = false;
    const from = Date.now();
    await waitFor(() => readingsOf("revive-6") >= 1, 2 * 2000 + 1500);
    expect(Date.now() - from).toBeLessThanOrEqual(2 * 2000 + 1000);
    await waitFor(() => health("revive-6").online, 3000);
  }, 30_000);

  it("three dead sensors and a live one at 1 s, timeout 1000 ms: the live one keeps ≥ 0.9 readings/s over a minute", async () => {
    const from = startedAt + 2000;
    const wait = from + 60_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const rate = readingsOf("live-1", from) / 60;
    expect(rate).toBeGreaterThanOrEqual(0.9);
    for (const id of ["dead-2", "dead-3", "dead-4"]) {
      expect(health(id)).toMatchObject({ online: false, problem: { code: "DRIVER_MODBUS_TIMEOUT" } });
    }
  }, 90_000);
});
