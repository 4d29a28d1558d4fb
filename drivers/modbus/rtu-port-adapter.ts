import { EventEmitter } from "node:events";
import type { ByteTransport } from "../transport/byte-transport.js";

/**
 * Lets modbus-serial's `ModbusRTU` speak over our ByteTransport (its "custom port" seam:
 * open/close/write/isOpen plus `data` events carrying whole frames). The supervisor owns the
 * transport's life, so open and close here only acknowledge. Bytes are assembled into one
 * reply the way modbus-serial's own RTUBufferedPort does: expected length from the request,
 * exceptions are 5 bytes, anything before the expected slave address is skipped.
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

  constructor(private readonly transport: ByteTransport) {
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
    this.transport.write(data).catch((err: Error) => this.emit("error", err));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
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

  private emitFrame(length: number): void {
    const frame = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = Buffer.alloc(0);
    this.expectId = -1;
    this.emit("data", frame);
  }
}
