import { EventEmitter } from "node:events";
import { connect, type Socket } from "node:net";
import type { Clock } from "../../edge/core/clock.js";
import type { ByteTransport, ByteTransportEvents } from "../transport/byte-transport.js";

/**
 * A network printer's raw port (TCP 9100, "JetDirect"): bytes in both directions, one
 * connection per job. `open()` fails fast when nobody listens, so the job stays queued.
 */
export class TcpTransport extends EventEmitter<ByteTransportEvents> implements ByteTransport {
  readonly name: string;
  private socket: Socket | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs: number,
    private readonly clock: Clock,
  ) {
    super();
    this.name = `tcp://${host}:${port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  async open(): Promise<void> {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect timeout after ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      socket.once("connect", () => {
        this.clock.clearTimeout(timer);
        resolve();
      });
      socket.once("error", (err) => {
        this.clock.clearTimeout(timer);
        reject(err);
      });
    });
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => this.emit("data", chunk));
    socket.on("error", (err) => this.emit("error", err));
    socket.on("close", (hadError) => {
      if (this.socket === socket) this.socket = undefined;
      this.emit("close", hadError ? new Error("connection reset") : undefined);
    });
  }

  async write(bytes: Buffer): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) throw new Error(`${this.name} is not open`);
    await new Promise<void>((resolve, reject) => {
      const onClose = () => reject(new Error("connection closed while writing"));
      socket.once("close", onClose);
      socket.write(bytes, (err) => {
        socket.off("close", onClose);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  /** Half-close and wait until the printer has taken everything (its FIN), then let go. */
  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      // A printer that never closes its side is let go after two seconds.
      const timer = this.clock.setTimeout(() => socket.destroy(), 2000);
      socket.once("close", () => {
        this.clock.clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }
}
