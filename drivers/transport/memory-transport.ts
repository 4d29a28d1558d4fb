import { EventEmitter } from "node:events";
import type { ByteTransport, ByteTransportEvents } from "./byte-transport.js";

/**
 * One end of an in-memory cable: what one end writes, the other receives, asynchronously and
 * in the chunks written (as a serial line would, with arbitrary chunking left to the writer).
 * Used by unit tests and by the embedded demo scale; `unplug()` scripts a device vanishing.
 */
export class MemoryTransport extends EventEmitter<ByteTransportEvents> implements ByteTransport {
  peer: MemoryTransport | undefined;
  private opened = false;
  /** When set, `open()` fails with this error (a device absent at start). */
  absent: Error | undefined;
  readonly written: Buffer[] = [];

  constructor(readonly name: string) {
    super();
  }

  get isOpen(): boolean {
    return this.opened;
  }

  async open(): Promise<void> {
    if (this.absent) throw this.absent;
    this.opened = true;
  }

  async write(bytes: Buffer): Promise<void> {
    if (!this.opened) throw new Error(`${this.name} is not open`);
    this.written.push(Buffer.from(bytes));
    const peer = this.peer;
    const copy = Buffer.from(bytes);
    setImmediate(() => {
      if (peer?.opened) peer.emit("data", copy);
    });
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    this.emit("close");
  }

  /** The device vanished: the port closes with an error, as serialport reports an unplug. */
  unplug(err = new Error("device disconnected")): void {
    if (!this.opened) return;
    this.opened = false;
    this.emit("close", err);
  }
}

/** Two connected ends: `[host, device]`. */
export function createMemoryPair(name = "memory"): [MemoryTransport, MemoryTransport] {
  const a = new MemoryTransport(`${name}:host`);
  const b = new MemoryTransport(`${name}:device`);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
