import { EventEmitter } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import type { ByteTransport, ByteTransportEvents } from "../../drivers/transport/byte-transport.js";

/**
 * A serial-over-TCP device server as the station sees it (USR-TCP232 in TCP-server mode): a
 * local listening socket whose accepted connection is the device's end of the line, usable
 * by the simulators as a ByteTransport. `unplug()` drops the connection and stops listening
 * (power cut); `plugIn()` listens again on the same port.
 */
export class DeviceServer extends EventEmitter<ByteTransportEvents> implements ByteTransport {
  readonly name = "device-server";
  port = 0;
  connections = 0;
  private server: Server | undefined;
  private socket: Socket | undefined;

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  async plugIn(): Promise<void> {
    const server = createServer((socket) => {
      this.socket?.destroy();
      this.socket = socket;
      this.connections++;
      socket.on("data", (chunk: Buffer) => this.emit("data", chunk));
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    const address = server.address();
    if (address && typeof address === "object") this.port = address.port;
    this.server = server;
  }

  async unplug(): Promise<void> {
    this.socket?.destroy();
    this.socket = undefined;
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async open(): Promise<void> {}

  async write(bytes: Buffer): Promise<void> {
    // Like a serial line with nobody listening: bytes sent while unplugged are lost.
    this.socket?.write(bytes);
  }

  async close(): Promise<void> {
    await this.unplug();
  }
}
