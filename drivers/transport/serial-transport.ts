import { EventEmitter } from "node:events";
import type { SerialPort } from "serialport";
import type { ByteTransport, ByteTransportEvents, SerialSettings } from "./byte-transport.js";

/**
 * The one file that imports `serialport` (STYLE.md §1). Each `open()` builds a fresh port, so
 * a supervisor can reopen a device that was unplugged (the old handle is dead after EIO).
 * `lock: false` lets a pty or a port shared with a terminal be opened; an RS-485 bus is owned
 * by exactly one driver anyway. `serialport` is loaded at the first `open()`: its native
 * bindings cost a station with no serial device ~10 MiB of RSS (issue 16).
 */
export class SerialTransport extends EventEmitter<ByteTransportEvents> implements ByteTransport {
  readonly name: string;
  private port: SerialPort | undefined;

  constructor(private readonly settings: SerialSettings) {
    super();
    this.name = settings.path;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const { SerialPort } = await import("serialport");
    const port = new SerialPort({
      path: this.settings.path,
      baudRate: this.settings.baudRate,
      dataBits: this.settings.dataBits,
      parity: this.settings.parity,
      stopBits: this.settings.stopBits,
      autoOpen: false,
      lock: false,
      // Keep DTR up on close: some USB adapters reset the attached indicator when it drops.
      hupcl: false,
    });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
    port.on("data", (chunk: Buffer) => this.emit("data", chunk));
    port.on("error", (err: Error) => this.emit("error", err));
    port.on("close", (err?: Error | null) => {
      if (this.port !== port) return;
      this.port = undefined;
      // serialport passes a DisconnectedError when the device vanished; a plain close has none.
      this.emit("close", err ?? undefined);
    });
  }

  async write(bytes: Buffer): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new Error(`${this.name} is not open`);
    await new Promise<void>((resolve, reject) => {
      port.write(bytes, (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve()))));
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
    this.emit("close");
  }
}
