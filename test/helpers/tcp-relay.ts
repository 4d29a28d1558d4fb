import { createServer, type Server, Socket } from "node:net";

/**
 * A TCP relay on a fixed loopback port in front of a server: `open()` listens and forwards
 * each connection, `cut()` destroys every relayed connection and stops listening, like a
 * network outage. Bytes in flight at the cut are lost both ways, as on a real link.
 */
export class TcpRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((inbound) => {
      const outbound = new Socket();
      for (const s of [inbound, outbound]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => undefined);
      }
      inbound.on("close", () => outbound.destroy());
      outbound.on("close", () => inbound.destroy());
      outbound.connect(this.targetPort, "127.0.0.1", () => {
        inbound.pipe(outbound);
        outbound.pipe(inbound);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
