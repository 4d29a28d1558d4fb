import { crc16, withCrc } from "../modbus/crc16.js";
import { readSpan, type SensorModel } from "../modbus/model-schema.js";
import { encodeRegisters } from "../modbus/register-decode.js";
import type { ByteTransport } from "../transport/byte-transport.js";

/** A read request (function 03/04) as a master sends it. */
export interface ReadRequest {
  address: number;
  fn: 3 | 4;
  start: number;
  count: number;
}

/**
 * Find one read request in the bytes received (8 bytes: address, function, start, count, CRC
 * low byte first). Sliding on a bad CRC resynchronises after noise. Pure.
 */
export function takeRequest(bytes: Buffer): { request?: ReadRequest; rest: Buffer } {
  let i = 0;
  while (bytes.length - i >= 8) {
    const fn = bytes[i + 1];
    if ((fn === 3 || fn === 4) && bytes.readUInt16LE(i + 6) === crc16(bytes, i, i + 6)) {
      const request: ReadRequest = {
        address: bytes[i] ?? 0,
        fn,
        start: bytes.readUInt16BE(i + 2),
        count: bytes.readUInt16BE(i + 4),
      };
      return { request, rest: Buffer.from(bytes.subarray(i + 8)) };
    }
    i++;
  }
  return { rest: Buffer.from(bytes.subarray(i)) };
}

/** The reply a slave holding `words` (from register `base`) gives; exception 02 outside them. */
export function buildReply(request: ReadRequest, base: number, words: readonly number[], fn: 3 | 4): Buffer {
  const { address, start, count } = request;
  if (request.fn !== fn) return withCrc(Buffer.from([address, request.fn | 0x80, 0x01]));
  if (start < base || start + count > base + words.length || count < 1 || count > 125) {
    return withCrc(Buffer.from([address, request.fn | 0x80, 0x02]));
  }
  const body = Buffer.alloc(3 + 2 * count);
  body[0] = address;
  body[1] = request.fn;
  body[2] = 2 * count;
  for (let k = 0; k < count; k++) body.writeUInt16BE(words[start - base + k] ?? 0, 3 + 2 * k);
  return withCrc(body);
}

export interface SimulatedSensor {
  model: SensorModel;
  /** Never answers (a dead or mis-addressed sensor). */
  silent?: boolean;
}

/**
 * Modbus RTU slaves in software, several addresses on one line, answering with each model's
 * sample values plus a little drift. Drives `trace-station simulate modbus-sensor`.
 */
export class ModbusSlaveSimulator {
  private buffer: Buffer = Buffer.alloc(0);
  readonly answered = new Map<number, number>();

  constructor(
    private readonly transport: ByteTransport,
    private readonly sensors: ReadonlyMap<number, SimulatedSensor>,
    private readonly random: () => number = Math.random,
  ) {
    transport.on("data", (chunk) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const { request, rest } = takeRequest(this.buffer);
      this.buffer = rest;
      if (!request) break;
      const sensor = this.sensors.get(request.address);
      if (!sensor || sensor.silent) continue;
      const values: Record<string, number> = {};
      for (const def of sensor.model.registers) {
        const sample = def.sample ?? 0;
        values[def.metric] = sample + (this.random() - 0.5) * 0.02 * Math.abs(sample);
      }
      const words = encodeRegisters(sensor.model, values);
      const reply = buildReply(request, readSpan(sensor.model).start, words, sensor.model.function);
      this.answered.set(request.address, (this.answered.get(request.address) ?? 0) + 1);
      this.transport.write(reply).catch(() => {
        // The master's end is gone; it will ask again.
      });
    }
    if (this.buffer.length > 256) this.buffer = Buffer.alloc(0);
  }
}
