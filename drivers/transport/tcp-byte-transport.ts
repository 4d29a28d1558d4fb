import { EventEmitter } from "node:events";
import { connect, type Socket } from "node:net";
import type { Clock } from "../../edge/core/clock.js";
import type { ByteTransport, ByteTransportEvents } from "./byte-transport.js";

/** `tcp://host:port` in a `serial.path`: the device sits behind a serial-over-TCP device server. */
export function parseTcpPath(path: string): { host: string; port: number } | undefined {
  const match = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(path);
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: (match[1] ?? "").replace(/^\[|\]$/g, ""), port };
}

/** How long a connect may take before the supervisor is told and retries. */
const CONNECT_TIMEOUT_MS = 3000;
/** TCP keepalive: a device server that lost power is noticed instead of waiting forever. */
const KEEPALIVE_MS = 5000;

/**
 * A long-lived byte stream to a serial-over-TCP device server (USR-TCP232-style "TCP server"
 * mode, transparent transmission) or a network indicator: the same seam as a serial port, so
 * scale protocols, Modbus RTU (RTU frames tunnelled as they are, not Modbus TCP) and scanners
 * run over it unchanged, and the same ReconnectSupervisor reopens it. The line settings (baud,
 * parity) are set on the device server, not here.
 */
export class TcpByteTransport extends EventEmitter<ByteTransportEvents> implements ByteTransport {
  readonly name: string;
  private socket: Socket | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly clock: Clock,
  ) {
    super();
    this.name = `tcp://${host.includes(":") ? `[${host}]` : host}:${port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        socket.destroy();
        reject(new Error(`ETIMEDOUT: no connection to ${this.name} in ${CONNECT_TIMEOUT_MS} ms`));
      }, CONNECT_TIMEOUT_MS);
      socket.once("connect", () => {
        this.clock.clearTimeout(timer);
        resolve();
      });
      socket.once("error", (err) => {
        this.clock.clearTimeout(timer);
        socket.destroy();
        reject(err);
      });
    });
    socket.setKeepAlive(true, KEEPALIVE_MS);
    this.socket = socket;
    let failure: Error | undefined;
    socket.on("data", (chunk: Buffer) => this.emit("data", chunk));
    socket.on("error", (err) => {
      failure = err;
      this.emit("error", err);
    });
    socket.on("close", () => {
      // Our own close() has already let go of the socket; anything else is the far end going away.
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.emit("close", failure ?? new Error(`ECONNRESET: ${this.name} closed the connection`));
    });
  }

  async write(bytes: Buffer): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) throw new Error(`${this.name} is not open`);
    await new Promise<void>((resolve, reject) =>
      socket.write(bytes, (err) => (err ? reject(err) : resolve())),
    );
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      socket.destroy();
    });
    this.emit("close");
  }
}
