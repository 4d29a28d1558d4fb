import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { type ModbusBusConfig, ModbusBusSection } from "../../../drivers/config-schema.js";
import type { DriverOutlets } from "../../../drivers/driver-status.js";
import { ModbusBus } from "../../../drivers/modbus/modbus-bus.js";
import { loadModels } from "../../../drivers/modbus/model-loader.js";
import { ModbusSlaveSimulator, type SimulatedSensor } from "../../../drivers/simulators/modbus-slave.js";
import { createMemoryPair } from "../../../drivers/transport/memory-transport.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { FakeClock } from "../../helpers/fake-clock.js";

/**
 * Issue 14: a bad RS-485 bus. Three dead sensors beside a live one, an adapter that echoes
 * requests, a sensor that comes back. Real modbus-serial client, scripted slaves, fake clock.
 */
const models = loadModels();
const air = models.get("air-th-rs485")!;

function rig(
  bus: Record<string, unknown>,
  slaves: Map<number, SimulatedSensor>,
  options: { echo?: boolean } = {},
) {
  const clock = new FakeClock();
  const [host, device] = createMemoryPair("rs485");
  const readings: Array<{ deviceId: string; at: number }> = [];
  const outlets: DriverOutlets = {
    async submit(deviceId) {
      readings.push({ deviceId, at: clock.now() });
      return readings.length;
    },
    publishLive() {},
  };
  const config = Value.Default(ModbusBusSection, {
    id: "bus",
    serial: { path: "memory" },
    ...bus,
  }) as ModbusBusConfig;
  const modbus = new ModbusBus(config, models, {
    transport: host,
    outlets,
    clock,
    log: silentLogger(),
    backoff: { initialMs: 100, maxMs: 1000 },
  });
  // An adapter without echo suppression: the master's own bytes come back before the answer.
  if (options.echo) device.on("data", (chunk) => void device.write(chunk));
  const slave = new ModbusSlaveSimulator(device, slaves, () => 0.5);
  const count = (id: string, from = 0) => readings.filter((r) => r.deviceId === id && r.at >= from).length;
  return { clock, device, modbus, slave, readings, count };
}

const sensor = (id: string, address: number, extra: Record<string, unknown> = {}) => ({
  id,
  model: "air-th-rs485",
  address,
  pollIntervalMs: 1000,
  ...extra,
});

describe("modbus on a bad bus", () => {
  it("three dead sensors and a live one at 1 s, timeout 1000 ms: the live one keeps ≥ 0.9 readings/s", async () => {
    const r = rig(
      {
        timeoutMs: 1000,
        sensors: [sensor("dead-2", 2), sensor("dead-3", 3), sensor("dead-4", 4), sensor("live-1", 1)],
      },
      new Map([[1, { model: air }]]),
    );
    await r.device.open();
    r.modbus.start();
    await r.clock.advance(60_000);
    expect(r.count("live-1")).toBeGreaterThanOrEqual(54);
    const dead = r.modbus.status().filter((s) => s.id.startsWith("dead"));
    for (const s of dead) {
      expect(s).toMatchObject({ dead: true, code: "DRIVER_MODBUS_TIMEOUT", answerRate: 0 });
      expect(s.lastTimeoutAt).toBeGreaterThan(0);
      // Still asked: backed off, not given up.
      expect(s.timeouts).toBeGreaterThanOrEqual(5);
    }
    const live = r.modbus.status().find((s) => s.id === "live-1")!;
    expect(live).toMatchObject({ dead: false, connected: true, answerRate: 1, timeouts: 0 });
    expect(live.code).toBeUndefined();
    await r.modbus.stop();
  });

  it("a dead sensor that answers again recovers by itself within two poll intervals of its capped backoff", async () => {
    const revived: SimulatedSensor = { model: air, silent: true };
    const r = rig(
      { timeoutMs: 500, retryMaxMs: 2000, sensors: [sensor("probe-5", 5), sensor("live-1", 1)] },
      new Map([
        [1, { model: air }],
        [5, revived],
      ]),
    );
    await r.device.open();
    r.modbus.start();
    await r.clock.advance(30_000);
    expect(r.modbus.status()[0]).toMatchObject({ dead: true, retryMs: 2000 });
    revived.silent = false;
    const from = r.clock.now();
    await r.clock.advance(2 * 2000 + 500);
    expect(r.count("probe-5", from)).toBeGreaterThanOrEqual(1);
    const first = r.readings.find((x) => x.deviceId === "probe-5")!;
    expect(first.at - from).toBeLessThanOrEqual(2 * 2000);
    expect(r.modbus.status()[0]).toMatchObject({ dead: false, connected: true, retryMs: 1000 });
    expect(r.modbus.status()[0]!.code).toBeUndefined();
    // Back on its own schedule.
    const after = r.clock.now();
    await r.clock.advance(5000);
    expect(r.count("probe-5", after)).toBeGreaterThanOrEqual(4);
    await r.modbus.stop();
  });

  it("an adapter that echoes the request: without `echo` the code names the setting, with it readings flow", async () => {
    const slaves = () => new Map([[1, { model: air }]]);
    const without = rig({ sensors: [sensor("air-1", 1)] }, slaves(), { echo: true });
    await without.device.open();
    without.modbus.start();
    await without.clock.advance(5000);
    expect(without.count("air-1")).toBe(0);
    const s = without.modbus.status()[0]!;
    expect(s.code).toBe("DRIVER_MODBUS_ECHO");
    expect(s.lastError).toContain("echo: true");
    await without.modbus.stop();

    const withEcho = rig({ echo: true, sensors: [sensor("air-1", 1)] }, slaves(), { echo: true });
    await withEcho.device.open();
    withEcho.modbus.start();
    await withEcho.clock.advance(5000);
    expect(withEcho.count("air-1")).toBeGreaterThanOrEqual(5);
    expect(withEcho.modbus.status()[0]!.code).toBeUndefined();
    await withEcho.modbus.stop();
  });

  it("a per-sensor timeout overrides the bus's", async () => {
    const r = rig(
      { timeoutMs: 300, sensors: [sensor("slow-7", 7, { timeoutMs: 900 })] },
      new Map([[7, { model: air, silent: true }]]),
    );
    await r.device.open();
    r.modbus.start();
    await r.clock.advance(1000);
    expect(r.modbus.status()[0]!.lastError).toContain("in 900 ms");
    await r.modbus.stop();
  });
});

describe("modbus health records", () => {
  it("a dead sensor on a live bus has its link up; an unplugged bus has it down", async () => {
    const { deviceHealth } = await import("../../../drivers/device-health.js");
    const r = rig({ sensors: [sensor("dead-9", 9)] }, new Map());
    await r.device.open();
    r.modbus.start();
    await r.clock.advance(10_000);
    expect(deviceHealth(r.modbus.status()[0]!)).toMatchObject({
      link: "up",
      online: false,
      receiving: false,
    });
    r.device.peer!.unplug();
    await r.clock.advance(10);
    expect(deviceHealth(r.modbus.status()[0]!)).toMatchObject({ link: "down", online: false });
    await r.modbus.stop();
  });
});
