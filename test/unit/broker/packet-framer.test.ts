import { describe, expect, it } from "vitest";
import { LoginThrottle } from "../../../broker/login-throttle.js";
import { PacketFramer } from "../../../broker/packet-framer.js";

/** Remaining Length as MQTT 3.1.1 §2.2.3 encodes it. */
function remaining(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

describe("PacketFramer", () => {
  const limits = { beforeLogin: 4096, afterLogin: 70_000 };

  it("refuses an oversized CONNECT from its header alone, even split byte by byte", () => {
    const f = new PacketFramer(limits);
    const header = [0x10, ...remaining(200 * 1024 * 1024)];
    const verdicts = header.map((b) => f.feed(Buffer.from([b])));
    expect(verdicts.slice(0, -1).every((v) => v.ok)).toBe(true);
    expect(verdicts.at(-1)).toEqual({
      ok: false,
      reason: "too-large",
      announced: 200 * 1024 * 1024,
      limit: 4096,
    });
  });

  it("passes a CONNECT, then after login packets up to the larger limit, across chunk borders", () => {
    const f = new PacketFramer(limits);
    expect(f.feed(Buffer.from([0x10, ...remaining(30), ...new Array(30).fill(0)]))).toEqual({ ok: true });
    f.accept();
    const publish = Buffer.from([0x30, ...remaining(60_000), ...new Array(60_000).fill(1)]);
    expect(f.feed(publish.subarray(0, 1000))).toEqual({ ok: true });
    expect(f.feed(publish.subarray(1000))).toEqual({ ok: true });
    expect(f.feed(Buffer.from([0x30, ...remaining(80_000)]))).toMatchObject({
      ok: false,
      reason: "too-large",
    });
  });

  it("refuses a first packet that is not CONNECT, a five-byte length, and bytes piled up before login", () => {
    expect(new PacketFramer(limits).feed(Buffer.from([0x30, 0]))).toEqual({
      ok: false,
      reason: "not-connect",
    });
    expect(new PacketFramer(limits).feed(Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toEqual({
      ok: false,
      reason: "malformed",
    });
    const f = new PacketFramer(limits);
    f.feed(Buffer.from([0x10, ...remaining(100), ...new Array(100).fill(0)]));
    let verdict = f.feed(Buffer.from([0xc0, 0]));
    for (let i = 0; i < 5000 && verdict.ok; i++) verdict = f.feed(Buffer.from([0xc0, 0]));
    expect(verdict).toEqual({ ok: false, reason: "unauthenticated-bytes" });
  });
});

describe("LoginThrottle", () => {
  it("counts attempts before they finish, backs off doubling, and forgets after a success", () => {
    let now = 0;
    const t = new LoginThrottle(
      { allowedFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, maxEntries: 100 },
      () => now,
    );
    const open = [t.begin(["a"]), t.begin(["a"]), t.begin(["a"])];
    expect(open.every((v) => v.ok)).toBe(true);
    // Three in flight use the allowance: a fourth is refused before any of them finished.
    expect(t.begin(["a"]).ok).toBe(false);
    for (const v of open) if (v.ok) v.release(false);
    const blocked = t.begin(["a"]);
    expect(blocked.ok).toBe(false);
    now += 10_000;
    // The block ran out: one attempt at a time is checked again; a failure blocks longer.
    const probe = t.begin(["a"]);
    expect(probe.ok).toBe(true);
    expect(t.begin(["a"]).ok).toBe(false);
    if (probe.ok) probe.release(false);
    expect(t.begin(["a"])).toMatchObject({ ok: false, retryAfterMs: 8000 });
    now += 20_000;
    const right = t.begin(["a"]);
    expect(right.ok).toBe(true);
    if (right.ok) right.release(true);
    // A success forgets the failures: the full allowance again.
    expect([t.begin(["a"]), t.begin(["a"]), t.begin(["a"])].every((v) => v.ok)).toBe(true);
  });

  it("keeps at most maxEntries keys", () => {
    const t = new LoginThrottle(
      { allowedFailures: 1, baseDelayMs: 1000, maxDelayMs: 1000, maxEntries: 10 },
      () => 0,
    );
    for (let i = 0; i < 100; i++) {
      const v = t.begin([`user:${i}`]);
      if (v.ok) v.release(false);
    }
    expect(t.size).toBe(10);
  });
});
