import type { Socket } from "node:net";
import { Duplex } from "node:stream";
import { type FrameLimits, type FrameVerdict, PacketFramer } from "./packet-framer.js";

/**
 * The stream aedes reads a client from: the socket's bytes pass through unchanged, but every
 * packet's announced size is checked first (PacketFramer), and the socket is destroyed the
 * moment a client announces more than it may send. aedes never sees, and never buffers, the
 * rest of an oversized packet.
 */
export class BoundedConnection extends Duplex {
  readonly remoteAddress: string | undefined;
  private readonly framer: PacketFramer;

  constructor(
    private readonly socket: Socket,
    limits: FrameLimits,
    onRefused: (verdict: Exclude<FrameVerdict, { ok: true }>) => void,
  ) {
    super({ allowHalfOpen: false });
    this.remoteAddress = socket.remoteAddress;
    this.framer = new PacketFramer(limits);
    socket.on("data", (chunk: Buffer) => {
      const verdict = this.framer.feed(chunk);
      if (!verdict.ok) {
        onRefused(verdict);
        socket.destroy();
        this.destroy();
        return;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (err) => this.destroy(err));
    socket.on("close", () => this.destroy());
  }

  /** The CONNECT was accepted: packets up to the after-login limit may follow. */
  accept(): void {
    this.framer.accept();
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.socket.destroyed) {
      callback(new Error("socket closed"));
      return;
    }
    this.socket.write(chunk, callback);
  }

  /**
   * What aedes wrote while the last write was still in flight, in one write: after a group
   * commit a busy client gets hundreds of PUBACKs at once, and one syscall each was a third of
   * the broker's thread at saturation (test/bench/intake.ts).
   */
  override _writev(
    chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>,
    callback: (err?: Error | null) => void,
  ): void {
    const bytes =
      chunks.length === 1 ? (chunks[0]?.chunk as Buffer) : Buffer.concat(chunks.map((c) => c.chunk));
    this._write(bytes, "binary", callback);
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.socket.destroy();
    callback(err);
  }
}
