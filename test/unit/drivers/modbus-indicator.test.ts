import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { type ScaleConfig, ScaleSection } from "../../../drivers/config-schema.js";
import type { DriverOutlets } from "../../../drivers/driver-status.js";
import { withCrc } from "../../../drivers/modbus/crc16.js";
import {
  type ModbusIndicatorMap,
  ModbusIndicatorSection,
} from "../../../drivers/scale/modbus-indicator-schema.js";
import { modbusIndicatorProtocol } from "../../../drivers/scale/protocols/modbus-indicator.js";
import { ScaleDriver } from "../../../drivers/scale/scale-driver.js";
import { takeRequest } from "../../../drivers/simulators/modbus-slave.js";
import { createMemoryPair } from "../../../drivers/transport/memory-transport.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { FakeClock } from "../../helpers/fake-clock.js";

/**
 * Issue 14: Modbus-RTU weighing indicators read as scales through a register map given as data
 * (weight int32 at 0–1, decimal places at 2, status at 3: bit 0 stable, bit 1 overload).
 */
const map = Value.Default(ModbusIndicatorSection, {
  address: 1,
  weight: { address: 0, type: "int32" },
  decimalsRegister: 2,
  status: { address: 3, stableBit: 0, overloadBit: 1 },
}) as ModbusIndicatorMap;
const p = modbusIndicatorProtocol(map);
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

describe("modbus-indicator protocol", () => {
  it("polls one read of the mapped registers: 01 03 00 00 00 04 + CRC", () => {
    expect(p.poll?.toString("hex")).toBe(withCrc(hex("01 03 00 00 00 04")).toString("hex"));
  });

  it("decodes typed replies one byte at a time with noise between, and refuses a bad CRC", () => {
    // 1.234 kg stable; 12.50 kg moving (2 decimals); overload; then one with a broken CRC.
    const stable = withCrc(hex("01 03 08 0000 04D2 0003 0001"));
    const moving = withCrc(hex("01 03 08 0000 04E2 0002 0000"));
    const over = withCrc(hex("01 03 08 0000 0000 0003 0002"));
    const broken = Buffer.from(stable);
    broken[6] = 0x05;
    const noise = hex("FF 00 7E 13");
    const bytes = Buffer.concat([noise, stable, noise, moving, noise, over, noise, broken]);
    let rest: Buffer = Buffer.alloc(0);
    const frames = [];
    let checksum = 0;
    for (const b of bytes) {
      const r = p.decode(Buffer.concat([rest, Buffer.from([b])]));
      frames.push(...r.frames);
      checksum += r.checksumErrors;
      rest = r.rest;
    }
    expect(frames).toEqual([
      { kind: "weight", kg: 1.234, stable: true, resolutionKg: 0.001 },
      { kind: "weight", kg: 12.5, stable: false, resolutionKg: 0.01 },
      { kind: "overload" },
    ]);
    expect(checksum).toBe(1);
  });

  it("grams and fixed decimals; a negative int32 weight", () => {
    const grams = modbusIndicatorProtocol(
      Value.Default(ModbusIndicatorSection, {
        weight: { address: 10, type: "int32" },
        decimals: 1,
        unit: "g",
      }) as ModbusIndicatorMap,
    );
    expect(grams.poll?.subarray(0, 6).toString("hex")).toBe("0103000a0002");
    const r = grams.decode(withCrc(hex("01 03 04 FFFF FF38")));
    expect(r.frames).toEqual([{ kind: "weight", kg: -0.02, stable: undefined, resolutionKg: 0.0001 }]);
  });
});

describe("a Modbus indicator as a scale", () => {
  it("is polled, its stable weight stored once as a weight message, overload shown as a state", async () => {
    const clock = new FakeClock();
    const [host, device] = createMemoryPair("indicator");
    const stored: number[] = [];
    const live: string[] = [];
    const outlets: DriverOutlets = {
      async submit(_id, kind, body) {
        if (kind === "weight") stored.push(body.net as number);
        return stored.length;
      },
      publishLive: (_id, payload) => live.push((JSON.parse(payload) as { state: string }).state),
    };
    const config = Value.Default(ScaleSection, {
      id: "indicator-1",
      protocol: "modbus-indicator",
      serial: { path: "memory" },
      modbus: {
        address: 1,
        weight: { address: 0, type: "int32" },
        decimalsRegister: 2,
        status: { address: 3, stableBit: 0, overloadBit: 1 },
      },
    }) as ScaleConfig;
    const driver = new ScaleDriver(config, {
      transport: host,
      outlets,
      clock,
      log: silentLogger(),
      backoff: { initialMs: 100, maxMs: 1000 },
    });
    let reading: { kg: number; stable: boolean; state?: "overload" } = { kg: 0, stable: true };
    let buffer: Buffer = Buffer.alloc(0);
    device.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const { request, rest } = takeRequest(buffer);
      buffer = rest;
      if (request?.address === 1) void device.write(p.encode(reading));
    });
    await device.open();
    driver.start();
    await clock.advance(2000);
    reading = { kg: 3.456, stable: true };
    await clock.advance(2000);
    reading = { kg: 0, stable: false, state: "overload" };
    await clock.advance(1000);
    expect(stored).toEqual([3.456]);
    expect(live).toContain("overload");
    expect(driver.status()).toMatchObject({ connected: true, checksumErrors: 0 });
    expect(driver.status().framesOk).toBeGreaterThan(20);
    await driver.stop();
  });
});
