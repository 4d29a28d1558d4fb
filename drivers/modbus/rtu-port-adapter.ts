import { EventEmitter } from "node:events";
import type { ByteTransport } from "../transport/byte-transport.js";

/**
 * Lets modbus-serial's `ModbusRTU` speak over our ByteTransport (its "custom port" seam:
 * open/close/write/isOpen plus `data` events carrying whole frames). The supervisor owns the
 * transport's life, so open and close here only acknowledge. Bytes are assembled into one
 * reply the way modbus-serial's own RTUBufferedPort does: expected length from the request,
 * exceptions are 5 bytes, anything before the expected slave address is skipped.
 *
 * Some RS-485 adapters (manual direction control, two-wire without echo suppression) hand the
 * master its own request back before the answer. With `echo` set, that copy is dropped; without
 * it, it is counted in `unexpectedEchoes` so the bus can name the setting.
 */
export class RtuPortAdapter extends EventEmitter {
  /** modbus-serial keys its transactions by these; serial ports keep them at 1. */
  _transactionIdRead = 1;
  _transactionIdWrite = 1;
  private buffer: Buffer = Buffer.alloc(0);
  private expectId = -1;
  private expectCode = -1;
  private expectLength = 0;
  /** Bytes thrown away while looking for a reply (noise, echoes, late answers). */
  garbageBytes = 0;
  /** Epoch ms of the last byte received (for health: the line is not dead quiet). */
  lastByteAt: number | null = null;
  /** Requests that came back as themselves while `echo` is off. */
  unexpectedEchoes = 0;
  private request: Buffer = Buffer.alloc(0);

  constructor(
    private readonly transport: ByteTransport,
    private readonly echo = false,
    private readonly now: () => number = Date.now,
  ) {
    super();
    transport.on("data", (chunk) => this.onData(chunk));
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  open(callback?: (err: Error | null) => void): void {
    callback?.(null);
  }

  close(callback?: (err?: Error | null) => void): void {
    callback?.(null);
  }

  write(data: Buffer): void {
    this.expectId = data[0] ?? -1;
    this.expectCode = data[1] ?? -1;
    // Only reads (03/04) are issued by the bus: reply = id, code, byte count, 2·n data, CRC.
    this.expectLength = 5 + 2 * data.readUInt16BE(4);
    this.garbageBytes += this.buffer.length;
    this.buffer = Buffer.alloc(0);
    this.request = Buffer.from(data);
    this.transport.write(data).catch((err: Error) => this.emit("error", err));
  }

  private onData(chunk: Buffer): void {
    this.lastByteAt = this.now();
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.dropEcho()) return;
    while (this.buffer.length >= 5) {
      const id = this.buffer[0];
      const code = this.buffer[1];
      if (id === this.expectId && code === this.expectCode) {
        if (this.buffer.length < this.expectLength) return;
        this.emitFrame(this.expectLength);
        return;
      }
      if (id === this.expectId && code === (this.expectCode | 0x80)) {
        this.emitFrame(5);
        return;
      }
      this.garbageBytes++;
      this.buffer = this.buffer.subarray(1);
    }
  }

  /** False while the start of the buffer could still be the echo of the request. */
  private dropEcho(): boolean {
    const request = this.request;
    if (request.length === 0) return true;
    const n = Math.min(request.length, this.buffer.length);
    if (!this.buffer.subarray(0, n).equals(request.subarray(0, n))) {
      this.request = Buffer.alloc(0);
      return true;
    }
    if (n < request.length) return false;
    this.request = Buffer.alloc(0);
    // Without the setting the copy is left to fail the reply's CRC: the bus then names `echo`.
    if (this.echo) this.buffer = this.buffer.subarray(request.length);
    else this.unexpectedEchoes++;
    return true;
  }

  private emitFrame(length: number): void {
    const frame = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = Buffer.alloc(0);
    this.expectId = -1;
    this.emit("data", frame);
  }
}
