import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINE_9600_8N1, serialSettings } from "../../../drivers/serial-defaults.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { spawnCli } from "../../helpers/cli.js";
import { waitFor } from "../../helpers/poll.js";
import { createPtyPair, type PtyPair } from "../../helpers/pty.js";
import { SseReader } from "../../helpers/sse-reader.js";
import { removeDir, startTestStation, type TestStation, tempDir } from "../../helpers/station.js";

/**
 * Modbus RTU over a real pty with `trace-station simulate modbus-sensor` as the slave, a
 * serial scanner, and `simulate sensor` publishing over real MQTT, all into one real station.
 */
const dir = tempDir("drivers-modbus");
const children: ChildProcess[] = [];
let bus: PtyPair;
let scanner: PtyPair;
let scalePty: PtyPair;
let t: TestStation;

function cli(args: string[]): ChildProcess {
  const { child } = spawnCli(args);
  children.push(child);
  return child;
}

const messages = (deviceId: string, kind: string) =>
  t.station.db
    .prepare("SELECT ts, payload FROM messages WHERE device_id = ? AND kind = ? ORDER BY id")
    .all(deviceId, kind) as Array<{ ts: number; payload: string }>;

beforeAll(async () => {
  mkdirSync(join(dir, "bus"));
  mkdirSync(join(dir, "scanner"));
  bus = await createPtyPair(join(dir, "bus"));
  scanner = await createPtyPair(join(dir, "scanner"));
  mkdirSync(join(dir, "scale"));
  scalePty = await createPtyPair(join(dir, "scale"));
  t = await startTestStation({
    drivers: {
      modbus: [
        {
          id: "rs485-1",
          serial: { path: bus.a },
          timeoutMs: 300,
          gapMs: 80,
          sensors: [
            { id: "air-1", model: "air-th-rs485", address: 1, pollIntervalMs: 1000 },
            { id: "soil-2", model: "soil-npk-7in1", address: 2, pollIntervalMs: 1000 },
          ],
        },
      ],
      scanners: [{ id: "scanner-1", serial: { path: scanner.a } }],
      scales: [{ id: "scale-cli", protocol: "yaohua-a12", serial: { path: scalePty.a } }],
    },
  });
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }
  await t?.stop();
  await bus?.unplug();
  await scanner?.unplug();
  await scalePty?.unplug();
  removeDir(dir);
});

describe("modbus, scanner and MQTT sensor simulators", () => {
  it("a slave with two addresses, one silent, still delivers the other's readings on schedule", async () => {
    const slave = cli([
      "simulate",
      "modbus-sensor",
      "--model",
      "air-th-rs485",
      "--port",
      bus.b,
      "--address",
      "1",
    ]);
    let stderr = "";
    slave.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    await waitFor(() => stderr.includes("Ctrl-C"), 15_000);
    await waitFor(() => messages("air-1", "reading").length >= 6, 30_000, 50);
    const rows = messages("air-1", "reading");
    const values = rows.map((r) => (JSON.parse(r.payload) as { values: Record<string, number> }).values);
    for (const v of values) {
      expect(v.air_rh).toBeGreaterThan(55);
      expect(v.air_rh).toBeLessThan(68);
      expect(v.air_temp).toBeGreaterThan(20);
      expect(v.air_temp).toBeLessThan(27);
    }
    // On schedule: the silent neighbour's timeouts never push a poll back by more than one timeout.
    const gaps = rows.slice(1).map((r, i) => r.ts - rows[i]!.ts);
    expect(Math.max(...gaps)).toBeLessThan(2 * 1000 + 300);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThan(1300);
    expect(messages("soil-2", "reading")).toEqual([]);
    const status = t.station.drivers.status();
    expect(status.find((s) => s.id === "air-1")).toMatchObject({
      kind: "modbus-sensor",
      connected: true,
      dead: false,
    });
    const silent = status.find((s) => s.id === "soil-2")!;
    expect(silent).toMatchObject({ dead: true, connected: false });
    expect(silent.timeouts).toBeGreaterThanOrEqual(3);
    expect(t.station.devices.get("air-1")).toMatchObject({ kind: "sensor" });
  });

  it("a serial scanner's CR-terminated lines become scan messages, each pushed live to the kiosk", async () => {
    const live = new SseReader();
    await live.open(`http://127.0.0.1:${t.station.ports.http}/api/events`);
    const device = new SerialTransport(serialSettings({ path: scanner.b }, LINE_9600_8N1));
    await device.open();
    await device.write(Buffer.from("6901234567892\r\nhttps://example.org/01/069012345678"));
    await device.write(Buffer.from("92/10/LOT1\r\n"));
    await waitFor(() => messages("scanner-1", "scan").length === 2, 10_000);
    await device.close();
    expect(
      messages("scanner-1", "scan").map((r) => (JSON.parse(r.payload) as { code: string }).code),
    ).toEqual(["6901234567892", "https://example.org/01/06901234567892/10/LOT1"]);
    // The incoming-lots screen refreshes on these (issue 14).
    await waitFor(() => live.of("scan").length === 2, 3000);
    expect(live.of("scan")).toMatchObject([
      { deviceId: "scanner-1", code: "6901234567892" },
      { deviceId: "scanner-1", code: "https://example.org/01/06901234567892/10/LOT1" },
    ]);
    await live.close();
  });

  it("simulate scale writes frames with garbage to a pty and the station stores the placed weight", async () => {
    cli([
      "simulate",
      "scale",
      "--protocol",
      "yaohua-a12",
      "--port",
      scalePty.b,
      "--garbage",
      "--min",
      "2.5",
      "--max",
      "2.5",
    ]);
    await waitFor(() => messages("scale-cli", "weight").length >= 1, 30_000, 50);
    expect(JSON.parse(messages("scale-cli", "weight")[0]!.payload)).toMatchObject({
      net: 2.5,
      unit: "kg",
      stable: true,
    });
    const status = t.station.drivers.status().find((s) => s.id === "scale-cli")!;
    expect(status.garbageBytes).toBeGreaterThan(0);
  });

  it("simulate sensor publishes readings as a device over MQTT", async () => {
    const password = await t.addDevice("esp-1", "sensor");
    const child = cli([
      "simulate",
      "sensor",
      "--mqtt",
      t.mqttUrl,
      "--device",
      "esp-1",
      "--password",
      password,
      "--model",
      "soil-4in1-rs485",
      "--interval",
      "50",
      "--count",
      "3",
    ]);
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    const rows = messages("esp-1", "reading");
    expect(rows).toHaveLength(3);
    const values = (JSON.parse(rows[0]!.payload) as { values: Record<string, number> }).values;
    expect(Object.keys(values).sort()).toEqual(["soil_ec", "soil_moisture", "soil_ph", "soil_temp"]);
  });
});
