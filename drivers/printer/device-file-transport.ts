import { EventEmitter } from "node:events";
import { type FileHandle, open } from "node:fs/promises";
import type { ByteTransport, ByteTransportEvents } from "../transport/byte-transport.js";

/**
 * A printer as a character device (`/dev/usb/lp0`, the Linux usblp driver). Write-only: usblp
 * status reads block, so these printers are treated as not answering status queries.
 */
export class DeviceFileTransport extends EventEmitter<ByteTransportEvents> implements ByteTransport {
  private handle: FileHandle | undefined;

  constructor(readonly name: string) {
    super();
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(): Promise<void> {
    // "a": never truncates, works for character devices and for a plain file in tests.
    this.handle = await open(this.name, "a");
  }

  async write(bytes: Buffer): Promise<void> {
    if (!this.handle) throw new Error(`${this.name} is not open`);
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset);
      offset += bytesWritten;
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await handle.close();
    this.emit("close");
  }
}
