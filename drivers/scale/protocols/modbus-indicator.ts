import { kgPerUnit } from "../../../edge/core/mass-units.js";
import { crc16, withCrc } from "../../modbus/crc16.js";
import { readSpan, type SensorModel } from "../../modbus/model-schema.js";
import { decodeRegisters, encodeRegisters } from "../../modbus/register-decode.js";
import type { ModbusIndicatorMap } from "../modbus-indicator-schema.js";
import { type Attempt, scanFrames } from "./frame-scanner.js";
import { roundKg, type ScaleFrame, type ScaleProtocol, type SimulatedReading } from "./types.js";

/**
 * A Modbus-RTU weighing indicator read as a scale (issue 14): the station polls one read of
 * the registers the map names (Modbus Application Protocol v1.1b3 §6.3/§6.4: function 03/04,
 * reply = address, function, byte count, data, CRC low byte first per Modbus over Serial Line
 * v1.02 §2.5.1.2) and turns the reply into a weight frame, so the weight goes through the
 * scale path (placement, stored `weight` message), never into the sensor metric registry.
 * Pure, like every scale protocol: request bytes out, reply bytes in.
 */
export function modbusIndicatorProtocol(map: ModbusIndicatorMap): ScaleProtocol {
  const model = asModel(map);
  const { start, count } = readSpan(model);
  const request = withCrc(
    Buffer.from([map.address, map.function, start >> 8, start & 0xff, count >> 8, count & 0xff]),
  );
  const length = 5 + 2 * count;
  const factor = kgPerUnit(map.unit) ?? 1;

  const toFrame = (words: readonly number[]): ScaleFrame => {
    const v = decodeRegisters(model, words);
    const status = map.status ? (v.status ?? 0) : 0;
    const bit = (n: number | undefined) => n !== undefined && ((status >> n) & 1) === 1;
    if (map.status && bit(map.status.overloadBit)) return { kind: "overload" };
    if (map.status && bit(map.status.underloadBit)) return { kind: "underload" };
    const decimals = map.decimals ?? (map.decimalsRegister !== undefined ? (v.decimals ?? 0) : 0);
    const step = 10 ** -Math.min(6, Math.max(0, decimals));
    const raw = v.weight ?? 0;
    const kg = roundKg((map.weight.type === "float32" ? raw : raw * step) * factor);
    const stableBit = map.status?.stableBit;
    return {
      kind: "weight",
      kg: kg === 0 ? 0 : kg,
      stable: stableBit === undefined ? undefined : bit(stableBit) === (map.status?.stableWhen === 1),
      resolutionKg: roundKg(step * factor),
    };
  };

  const tryAt = (bytes: Buffer, at: number): Attempt => {
    if (bytes[at] !== map.address) return { t: "skip" };
    if (bytes.length - at < 2) return { t: "more" };
    const fn = bytes[at + 1];
    if (fn === (map.function | 0x80)) {
      // An exception reply: the map asks for registers the indicator does not have.
      if (bytes.length - at < 5) return { t: "more" };
      return crc16(bytes, at, at + 3) === bytes.readUInt16LE(at + 3)
        ? { t: "checksum", length: 5 }
        : { t: "skip" };
    }
    if (fn !== map.function) return { t: "skip" };
    if (bytes.length - at < 3) return { t: "more" };
    if (bytes[at + 2] !== 2 * count) return { t: "skip" };
    if (bytes.length - at < length) return { t: "more" };
    if (crc16(bytes, at, at + length - 2) !== bytes.readUInt16LE(at + length - 2))
      return { t: "checksum", length };
    const words: number[] = [];
    for (let k = 0; k < count; k++) words.push(bytes.readUInt16BE(at + 3 + 2 * k));
    return { t: "frame", length, frame: toFrame(words) };
  };

  return {
    id: "modbus-indicator",
    decode: (bytes) => scanFrames(bytes, tryAt, length),
    // The reply an indicator holding this weight gives: for the simulators and tests.
    encode: (r: SimulatedReading) => {
      const decimals = map.decimals ?? r.decimals ?? 3;
      const values: Record<string, number> = {
        weight: map.weight.type === "float32" ? r.kg / factor : Math.round((r.kg / factor) * 10 ** decimals),
        decimals,
        status: 0,
      };
      if (map.status) {
        const { stableBit, overloadBit, underloadBit, stableWhen } = map.status;
        let status = 0;
        if (stableBit !== undefined && r.stable === (stableWhen === 1)) status |= 1 << stableBit;
        if (overloadBit !== undefined && r.state === "overload") status |= 1 << overloadBit;
        if (underloadBit !== undefined && r.state === "underload") status |= 1 << underloadBit;
        values.status = status;
      }
      const words = encodeRegisters(model, values);
      const body = Buffer.alloc(3 + 2 * count);
      body[0] = map.address;
      body[1] = map.function;
      body[2] = 2 * count;
      for (const [k, w] of words.entries()) body.writeUInt16BE(w & 0xffff, 3 + 2 * k);
      return withCrc(body);
    },
    poll: request,
    serial: { baudRate: 9600, dataBits: 8, parity: "none" },
  };
}

/** The indicator map as a register model, so the sensor decoder reads its words. */
function asModel(map: ModbusIndicatorMap): SensorModel {
  const registers: SensorModel["registers"] = [
    { metric: "weight", address: map.weight.address, type: map.weight.type, scale: 1, offset: 0 },
  ];
  if (map.decimals === undefined && map.decimalsRegister !== undefined) {
    registers.push({
      metric: "decimals",
      address: map.decimalsRegister,
      type: "uint16",
      scale: 1,
      offset: 0,
    });
  }
  if (map.status)
    registers.push({ metric: "status", address: map.status.address, type: "uint16", scale: 1, offset: 0 });
  return {
    model: "modbus-indicator",
    title: { zh: "Modbus 称重仪表", en: "Modbus weighing indicator" },
    function: map.function,
    wordOrder: map.wordOrder,
    registers,
  };
}
