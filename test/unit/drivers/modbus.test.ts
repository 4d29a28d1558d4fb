import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { type ModbusBusConfig, ModbusBusSection } from "../../../drivers/config-schema.js";
import type { DriverOutlets } from "../../../drivers/driver-status.js";
import { crc16, withCrc } from "../../../drivers/modbus/crc16.js";
import { ModbusBus } from "../../../drivers/modbus/modbus-bus.js";
import { loadModels, parseModel } from "../../../drivers/modbus/model-loader.js";
import { readSpan } from "../../../drivers/modbus/model-schema.js";
import { decodeRegisters, encodeRegisters } from "../../../drivers/modbus/register-decode.js";
import { buildReply, ModbusSlaveSimulator, takeRequest } from "../../../drivers/simulators/modbus-slave.js";
import { createMemoryPair } from "../../../drivers/transport/memory-transport.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { isStationError } from "../../../edge/core/station-error.js";
import { FakeClock } from "../../helpers/fake-clock.js";

const models = loadModels();
const air = models.get("air-th-rs485")!;

describe("register maps", () => {
  it("ships the air, soil and NPK models, each valid against the schema", () => {
    expect([...models.keys()]).toEqual(
      expect.arrayContaining(["air-th-rs485", "soil-4in1-rs485", "soil-npk-7in1", "water-ph-float-rs485"]),
    );
    expect(readSpan(models.get("soil-npk-7in1")!)).toEqual({ start: 0, count: 7 });
  });

  it("decodes the air transmitter: reg 0 humidity ×0.1 uint16, reg 1 temperature ×0.1 int16", () => {
    expect(decodeRegisters(air, [615, 234])).toEqual({ air_rh: 61.5, air_temp: 23.4 });
    expect(decodeRegisters(air, [900, 0xffff - 52 + 1])).toEqual({ air_rh: 90, air_temp: -5.2 });
  });

  it("decodes 32-bit and float values in both word orders", () => {
    const model = parseModel(
      JSON.stringify({
        model: "t32",
        title: { zh: "t", en: "t" },
        function: 4,
        registers: [
          { metric: "light", address: 10, type: "uint32" },
          { metric: "co2", address: 12, type: "int32", wordOrder: "little" },
          { metric: "water_ph", address: 14, type: "float32", wordOrder: "little" },
          { metric: "water_temp", address: 16, type: "float32", scale: 1 },
        ],
      }),
      "t32.json",
    );
    expect(decodeRegisters(model, [0x0001, 0x86a0, 0x01f4, 0x0000, 0x0000, 0x40e4, 0x4184, 0x0000])).toEqual({
      light: 100000,
      co2: 500,
      water_ph: 7.125,
      water_temp: 16.5,
    });
    const values = { light: 120000, co2: 812, water_ph: 6.5, water_temp: 12.25 };
    expect(decodeRegisters(model, encodeRegisters(model, values))).toEqual(values);
  });

  it("refuses a register map with an unknown metric or a bad type, naming the file", () => {
    const bad = (registers: unknown) =>
      parseModel(
        JSON.stringify({ model: "x", title: { zh: "x", en: "x" }, function: 3, registers }),
        "x.json",
      );
    for (const registers of [
      [{ metric: "nope", address: 0, type: "uint16" }],
      [{ metric: "co2", address: 0, type: "u8" }],
    ]) {
      try {
        bad(registers);
        expect.unreachable();
      } catch (err) {
        expect(isStationError(err) && err.code).toBe("DRIVER_MODEL_INVALID");
        expect((err as Error).message).toContain("x.json");
      }
    }
  });
});

describe("RTU framing", () => {
  it("computes the CRC of the DOMAIN.md request 01 03 00 00 00 02 C4 0B", () => {
    const request = Buffer.from("010300000002", "hex");
    expect(crc16(request)).toBe(0x0bc4);
    expect(withCrc(request).toString("hex")).toBe("010300000002c40b");
  });

  it("slave side: finds a request after noise and answers, with exception 02 outside its registers", () => {
    const { request, rest } = takeRequest(Buffer.from("ff00010300000002c40b01", "hex"));
    expect(request).toEqual({ address: 1, fn: 3, start: 0, count: 2 });
    expect(rest).toEqual(Buffer.from("01", "hex"));
    const reply = buildReply(request!, 0, [615, 234], 3);
    expect(reply.subarray(0, 7).toString("hex")).toBe("010304026700ea");
    expect(crc16(reply)).toBe(0);
    const outside = buildReply({ address: 1, fn: 3, start: 5, count: 2 }, 0, [615, 234], 3);
    expect([...outside.subarray(0, 3)]).toEqual([1, 0x83, 2]);
  });
});

describe("modbus bus", () => {
  function busConfig(sensors: Array<Record<string, unknown>>): ModbusBusConfig {
    return Value.Default(ModbusBusSection, {
      id: "bus-a",
      serial: { path: "memory" },
      timeoutMs: 300,
      gapMs: 80,
      sensors,
    }) as ModbusBusConfig;
  }

  it("polls several addresses; a silent one times out, is reported dead and does not stall the other", async () => {
    const clock = new FakeClock();
    const [host, device] = createMemoryPair("rs485");
    const readings: Array<{ deviceId: string; at: number; values: Record<string, number> }> = [];
    const outlets: DriverOutlets = {
      async submit(deviceId, _kind, body) {
        readings.push({ deviceId, at: clock.now(), values: body.values as Record<string, number> });
        return readings.length;
      },
      publishLive() {},
    };
    const bus = new ModbusBus(
      busConfig([
        { id: "air-1", model: "air-th-rs485", address: 1, pollIntervalMs: 1000 },
        { id: "soil-9", model: "soil-4in1-rs485", address: 9, pollIntervalMs: 1000 },
      ]),
      models,
      { transport: host, outlets, clock, log: silentLogger(), backoff: { initialMs: 100, maxMs: 1000 } },
    );
    await device.open();
    const slave = new ModbusSlaveSimulator(
      device,
      new Map([
        [1, { model: air }],
        [9, { model: models.get("soil-4in1-rs485")!, silent: true }],
      ]),
      () => 0.5,
    );
    bus.start();
    await clock.advance(10_000);

    expect(host.written[0]?.toString("hex")).toBe("010300000002c40b");
    const air1 = readings.filter((r) => r.deviceId === "air-1");
    // One reading per second for ten seconds, on schedule despite the silent neighbour.
    expect(air1.length).toBeGreaterThanOrEqual(9);
    for (let i = 1; i < air1.length; i++)
      expect(air1[i]!.at - air1[i - 1]!.at).toBeLessThanOrEqual(1000 + 300 + 80);
    expect(air1[0]!.values).toEqual({ air_rh: 61.5, air_temp: 23.4 });
    expect(readings.some((r) => r.deviceId === "soil-9")).toBe(false);
    expect(slave.answered.get(1)).toBe(air1.length);
    const [a, s] = bus.status();
    expect(a).toMatchObject({ id: "air-1", kind: "modbus-sensor", bus: "bus-a", dead: false, timeouts: 0 });
    expect(s).toMatchObject({ id: "soil-9", dead: true, connected: false });
    // Backed off: asked after 1, 1, 2, 4 s, not every second.
    expect(s!.timeouts).toBeGreaterThanOrEqual(3);
    expect(s!.timeouts).toBeLessThanOrEqual(5);
    expect(s!.retryMs).toBeGreaterThan(1000);
    expect(s!.code).toBe("DRIVER_MODBUS_TIMEOUT");
    expect(s!.lastError).toContain("address 9");
    await bus.stop();
  });

  it("reads input registers (function 04) as float32, and reports an exception reply with its code", async () => {
    const clock = new FakeClock();
    const [host, device] = createMemoryPair("rs485-b");
    const readings: Array<Record<string, number>> = [];
    const outlets: DriverOutlets = {
      async submit(_deviceId, _kind, body) {
        readings.push(body.values as Record<string, number>);
        return readings.length;
      },
      publishLive() {},
    };
    const water = models.get("water-ph-float-rs485")!;
    const bus = new ModbusBus(
      busConfig([
        { id: "pond-1", model: "water-ph-float-rs485", address: 4, pollIntervalMs: 1000 },
        // Configured as the air transmitter (function 03) but the slave only answers 04.
        { id: "wrong-model", model: "air-th-rs485", address: 5, pollIntervalMs: 1000 },
      ]),
      models,
      { transport: host, outlets, clock, log: silentLogger(), backoff: { initialMs: 100, maxMs: 1000 } },
    );
    await device.open();
    new ModbusSlaveSimulator(
      device,
      new Map([
        [4, { model: water }],
        [5, { model: water }],
      ]),
      () => 0.5,
    );
    bus.start();
    await clock.advance(3500);
    expect(host.written[0]?.subarray(0, 6).toString("hex")).toBe("040400000004");
    expect(readings.length).toBeGreaterThanOrEqual(3);
    expect(readings[0]!.water_ph).toBeCloseTo(7.12, 5);
    expect(readings[0]!.water_temp).toBeCloseTo(16.5, 5);
    const wrong = bus.status().find((s) => s.id === "wrong-model")!;
    expect(wrong).toMatchObject({ code: "DRIVER_MODBUS_EXCEPTION", timeouts: 0, dead: true });
    expect(wrong.lastError).toContain("exception 1");
    await bus.stop();
  });
});
