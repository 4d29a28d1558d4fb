import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";

/** How the fake printer answers `DLE EOT n` and `ESC ! ?`, and misbehaves on purpose. */
export interface EndpointBehaviour {
  /** Roll-paper sensor answer to DLE EOT 4: 0x12 = paper present, 0x72 = paper end. */
  paperStatus: number;
  /** DLE EOT 1: 0x16 = online, 0x1e = offline (bit 3). */
  printerStatus: number;
  /** DLE EOT 2, off-line cause: 0x12 = none, 0x16 = cover open (bit 2); default 0x12. */
  causeStatus?: number;
  /** Answer status requests at all (many USB and cheap network printers stay silent). */
  answersStatus: boolean;
  /** Paper answer to requests after the job's bytes (paper ran out while printing). */
  paperStatusAfterJob?: number;
  /** Close the connection after this many job bytes (connection dropped mid-job). */
  dropAfterBytes?: number;
  /** Stop answering once this many job bytes arrived (a station killed while waiting). */
  silentAfterBytes?: number;
}

export interface Capture {
  /** Bytes of each connection in order, status requests included. */
  connections: Buffer[];
}

/**
 * A printer on TCP (port 9100 style) that records every byte it receives and answers ESC/POS
 * real-time status requests, for tests and the benchmark. Port 0 picks a free port.
 */
export class PrinterEndpoint {
  readonly capture: Capture = { connections: [] };
  /** performance.now() of each connection's latest chunk (latency measurements). */
  readonly lastDataAt: number[] = [];
  readonly behaviour: EndpointBehaviour = { paperStatus: 0x12, printerStatus: 0x16, answersStatus: true };
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private waiters: (() => void)[] = [];
  port = 0;

  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    server.listen(port, "127.0.0.1");
    await once(server, "listening");
    const address = server.address();
    this.port = typeof address === "object" && address ? address.port : port;
    return this.port;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const index = this.capture.connections.push(Buffer.alloc(0)) - 1;
    // Requests may arrive split across chunks; each is answered once (`answered`: bytes done).
    let answered = 0;
    socket.on("data", (chunk: Buffer) => {
      const before = this.capture.connections[index] as Buffer;
      const all = Buffer.concat([before, chunk]);
      this.lastDataAt[index] = performance.now();
      this.capture.connections[index] = all;
      const b = this.behaviour;
      if (b.dropAfterBytes !== undefined && all.length >= b.dropAfterBytes) {
        socket.destroy();
        this.notify();
        return;
      }
      const silent = b.silentAfterBytes !== undefined && all.length >= b.silentAfterBytes;
      if (b.answersStatus && !silent) {
        // A printer parses commands, so the bytes of an image are never a request; without a
        // parser here, only requests at the end of what arrived count (the station waits for
        // their answer before it sends anything more).
        let from = all.length;
        while (
          from - 3 >= 0 &&
          ((all[from - 3] === 0x10 && all[from - 2] === 0x04) ||
            (all[from - 3] === 0x1b && all[from - 2] === 0x21 && all[from - 1] === 0x3f))
        ) {
          from -= 3;
        }
        for (let i = Math.max(from, answered); i + 2 < all.length; i += 3) {
          if (all[i] === 0x10 && all[i + 1] === 0x04) {
            const n = all[i + 2];
            const afterJob = all.length > 6 && b.paperStatusAfterJob !== undefined;
            const paper = afterJob ? (b.paperStatusAfterJob as number) : b.paperStatus;
            const cause = b.causeStatus ?? 0x12;
            socket.write(Buffer.from([n === 4 ? paper : n === 1 ? b.printerStatus : n === 2 ? cause : 0x12]));
          }
          if (all[i] === 0x1b && all[i + 1] === 0x21 && all[i + 2] === 0x3f) {
            socket.write(Buffer.from([b.paperStatus === 0x12 ? 0x00 : 0x04]));
          }
        }
        if (from < all.length) answered = all.length;
      }
      this.notify();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      this.sockets.delete(socket);
      this.notify();
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Every byte received, all connections joined. */
  all(): Buffer {
    return Buffer.concat(this.capture.connections);
  }

  /** Resolve when `predicate` holds, checked after each received chunk; generous timeout. */
  async waitFor(
    predicate: () => boolean,
    timeoutMs = 30_000,
    what = "printer endpoint condition",
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server) {
      this.server.close();
      await once(this.server, "close");
    }
  }
}
