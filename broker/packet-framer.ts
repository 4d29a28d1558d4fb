/**
 * Reads only MQTT fixed headers (MQTT 3.1.1 §2.2: one type byte, then the Remaining Length as
 * a variable byte integer of at most four bytes, §2.2.3) and skips the bodies, so the size a
 * client announces is known before a single body byte is buffered. The parser in aedes
 * (mqtt-packet) buffers a whole packet before it looks at it, which is what let a 200 MB
 * CONNECT grow the heap; this check runs in front of it.
 */
export type FrameVerdict =
  | { ok: true }
  | { ok: false; reason: "too-large"; announced: number; limit: number }
  | { ok: false; reason: "malformed" | "not-connect" | "unauthenticated-bytes" };

export interface FrameLimits {
  /** Largest packet allowed while the connection is not yet accepted (the CONNECT itself). */
  beforeLogin: number;
  /** Largest packet allowed once the broker accepted the CONNECT. */
  afterLogin: number;
}

const CONNECT = 1;

export class PacketFramer {
  private header: number[] = [];
  private bodyLeft = 0;
  private packets = 0;
  private bytesBeforeLogin = 0;
  private loggedIn = false;

  constructor(private readonly limits: FrameLimits) {}

  /** The broker accepted the CONNECT: the larger limit applies from now on. */
  accept(): void {
    this.loggedIn = true;
  }

  /** Feed received bytes; the first failing verdict means the connection must be closed. */
  feed(chunk: Buffer): FrameVerdict {
    if (!this.loggedIn) {
      // A client may not pipeline packets behind its CONNECT before the CONNACK (well-behaved
      // clients wait for it), so bytes before login are bounded as a whole, not per packet.
      this.bytesBeforeLogin += chunk.length;
      if (this.bytesBeforeLogin > this.limits.beforeLogin * 2)
        return { ok: false, reason: "unauthenticated-bytes" };
    }
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= take;
        i += take;
        continue;
      }
      this.header.push(chunk[i] as number);
      i += 1;
      const verdict = this.headerDone();
      if (verdict && !verdict.ok) return verdict;
    }
    return { ok: true };
  }

  /** undefined while the header is incomplete. */
  private headerDone(): FrameVerdict | undefined {
    const h = this.header;
    if (h.length < 2) return undefined;
    let length = 0;
    let multiplier = 1;
    for (let k = 1; k < h.length; k++) {
      const byte = h[k] as number;
      length += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) {
        const type = (h[0] as number) >> 4;
        this.header = [];
        this.packets += 1;
        // [MQTT-3.1.0-1]: the first packet from a client must be CONNECT.
        if (this.packets === 1 && type !== CONNECT) return { ok: false, reason: "not-connect" };
        const limit = this.loggedIn ? this.limits.afterLogin : this.limits.beforeLogin;
        if (length > limit) return { ok: false, reason: "too-large", announced: length, limit };
        this.bodyLeft = length;
        return { ok: true };
      }
      multiplier *= 128;
    }
    // §2.2.3: more than four length bytes is a malformed packet.
    return h.length >= 5 ? { ok: false, reason: "malformed" } : undefined;
  }
}
