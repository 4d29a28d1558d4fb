import { describe, expect, it } from "vitest";
import { SCALE_PROTOCOLS } from "../../../drivers/scale/protocols/index.js";
import { toledoDemand } from "../../../drivers/scale/protocols/toledo.js";
import type { ScaleFrame, ScaleProtocol } from "../../../drivers/scale/protocols/types.js";
import { SCALE_PROTOCOL_IDS } from "../../../drivers/scale/protocols/types.js";

interface Fed {
  frames: ScaleFrame[];
  garbage: number;
  checksum: number;
  rest: Buffer;
}

function feed(protocol: ScaleProtocol, chunks: Buffer[]): Fed {
  let rest: Buffer = Buffer.alloc(0);
  const out: Fed = { frames: [], garbage: 0, checksum: 0, rest };
  for (const chunk of chunks) {
    const r = protocol.decode(Buffer.concat([rest, chunk]));
    out.frames.push(...r.frames);
    out.garbage += r.garbageBytes;
    out.checksum += r.checksumErrors;
    rest = r.rest;
  }
  out.rest = rest;
  return out;
}

/** Every split of `bytes` into two chunks gives the same frames as one chunk. */
function expectSplitInvariant(protocol: ScaleProtocol, bytes: Buffer, expected: ScaleFrame[]): void {
  for (let k = 0; k <= bytes.length; k++) {
    const fed = feed(protocol, [bytes.subarray(0, k), bytes.subarray(k)]);
    expect(fed.frames, `split at ${k}`).toEqual(expected);
  }
  // And one byte at a time.
  const single = feed(
    protocol,
    [...bytes].map((b) => Buffer.from([b])),
  );
  expect(single.frames).toEqual(expected);
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");
const latin = (s: string) => Buffer.from(s, "latin1");
const weight = (kg: number, stable: boolean | undefined, resolutionKg: number, extra = {}): ScaleFrame => ({
  kind: "weight",
  kg,
  stable,
  resolutionKg,
  ...extra,
});

/** Deterministic noise (xorshift32) so a failure can be replayed. */
function noise(length: number, seed = 0x2545f491): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe("yaohua-tf0 (XK3190-A9 continuous)", () => {
  const p = SCALE_PROTOCOLS["yaohua-tf0"];
  const example = hex("02 2B 30 30 31 32 33 34 33 31 43 03");

  it("decodes the DOMAIN.md example 1.234 kg at every byte boundary", () => {
    expectSplitInvariant(p, Buffer.concat([example, example]), [
      weight(1.234, undefined, 0.001),
      weight(1.234, undefined, 0.001),
    ]);
  });

  it("reads the sign and the decimals digit, and resynchronises after garbage", () => {
    const neg = p.encode({ kg: -0.5, stable: true, decimals: 1 });
    expect(neg.toString("latin1", 1, 9)).toBe("-0000051");
    const fed = feed(p, [Buffer.concat([latin("\x02\x02xx"), example, latin("\x03\x02+"), neg])]);
    expect(fed.frames).toEqual([weight(1.234, undefined, 0.001), weight(-0.5, undefined, 0.1)]);
    expect(fed.garbage).toBeGreaterThan(0);
  });

  it("drops a frame with a wrong XOR and counts it", () => {
    const bad = Buffer.from(example);
    bad[10] = 0x44;
    const fed = feed(p, [Buffer.concat([bad, example])]);
    expect(fed.checksum).toBe(1);
    expect(fed.frames).toEqual([weight(1.234, undefined, 0.001)]);
  });
});

describe("yaohua-equals (A23P/A26 '=' format)", () => {
  it("reads the reversed example =000.3000 as 3.000 kg", () => {
    const p = SCALE_PROTOCOLS["yaohua-equals-reversed"];
    expectSplitInvariant(p, latin("=000.3000=000.3000"), [
      weight(3, undefined, 0.001),
      weight(3, undefined, 0.001),
    ]);
  });

  it("reads negative and other decimal positions, reversed and normal", () => {
    const r = SCALE_PROTOCOLS["yaohua-equals-reversed"];
    expect(feed(r, [latin("=52.1000-")]).frames).toEqual([weight(-1.25, undefined, 0.01)]);
    const n = SCALE_PROTOCOLS["yaohua-equals"];
    expectSplitInvariant(n, latin("=0012.500=-001.250"), [
      weight(12.5, undefined, 0.001),
      weight(-1.25, undefined, 0.001),
    ]);
  });

  it("throws away malformed fields and noise between frames", () => {
    const p = SCALE_PROTOCOLS["yaohua-equals-reversed"];
    const fed = feed(p, [latin("junk=00.1.000=12=000.3000\r\n==000.3000")]);
    expect(fed.frames).toEqual([weight(3, undefined, 0.001), weight(3, undefined, 0.001)]);
    expect(fed.garbage).toBeGreaterThan(0);
  });
});

describe("yaohua-a12 (XK3190-A12E 'W' frame)", () => {
  const p = SCALE_PROTOCOLS["yaohua-a12"];

  it("decodes the DOMAIN.md example WG004.139kg3D at every byte boundary", () => {
    expectSplitInvariant(p, latin("WG004.139kg3D\r\nWG004.139kg3D\r\n"), [
      weight(4.139, undefined, 0.001, { net: false }),
      weight(4.139, undefined, 0.001, { net: false }),
    ]);
  });

  it("reports OL and LO as overload and underload, never as weights", () => {
    const frames = feed(p, [
      p.encode({ kg: 0, stable: false, state: "overload" }),
      p.encode({ kg: 0, stable: false, state: "underload" }),
    ]).frames;
    expect(frames).toEqual([{ kind: "overload" }, { kind: "underload" }]);
  });

  it("reads the A12E overload frame without W (blanks, OL, XOR, CR LF) at every byte boundary", () => {
    expectSplitInvariant(p, latin("WG004.139kg3D\r\n         OL23\r\n         LO23\r\n"), [
      weight(4.139, undefined, 0.001, { net: false }),
      { kind: "overload" },
      { kind: "underload" },
    ]);
    // A wrong XOR on that form is not a frame.
    expect(feed(p, [latin("         OL24\r\n")]).frames).toEqual([]);
  });

  it("counts a wrong XOR and keeps the next good frame after garbage", () => {
    const good = p.encode({ kg: -1.25, stable: true });
    const fed = feed(p, [
      Buffer.concat([latin("WG004.139kg3E\r\n\x00\xffWW"), good.subarray(0, 5)]),
      good.subarray(5),
    ]);
    expect(fed.checksum).toBe(1);
    expect(fed.frames).toEqual([weight(-1.25, undefined, 0.001, { net: false })]);
  });
});

describe("toledo continuous", () => {
  const plain = SCALE_PROTOCOLS.toledo;
  const withSum = SCALE_PROTOCOLS["toledo-checksum"];

  it("decodes status bytes: decimals, motion, net, negative, kg", () => {
    // SWA 0x2D = ×1 increments, code 5 (3 decimals); SWB 0x31 = kg, net; SWC 0x20.
    const frame = Buffer.concat([hex("02 2D 31 20"), latin("001234000200\r")]);
    const next = Buffer.concat([hex("02 2D 3A 20"), latin("000500000000\r")]);
    expectSplitInvariant(plain, Buffer.concat([frame, next, hex("02")]), [
      weight(1.234, true, 0.001, { net: true, tareKg: 0.2 }),
      weight(-0.5, false, 0.001, { net: false, tareKg: 0 }),
    ]);
  });

  it("verifies the optional checksum (7-bit sum ≡ 0 mod 128)", () => {
    const good = withSum.encode({ kg: 2.5, stable: true });
    expect(good.length).toBe(18);
    expect([...good].reduce((s, b) => s + (b & 0x7f), 0) % 128).toBe(0);
    expectSplitInvariant(withSum, Buffer.concat([good, good]), [
      weight(2.5, true, 0.001, { net: false, tareKg: 0 }),
      weight(2.5, true, 0.001, { net: false, tareKg: 0 }),
    ]);
    const bad = Buffer.from(good);
    bad[17] = (bad[17]! + 1) & 0x7f;
    const fed = feed(withSum, [bad, good]);
    expect(fed.checksum).toBe(1);
    expect(fed.frames).toHaveLength(1);
    // The plain setting also accepts frames that carry a checksum.
    expect(feed(plain, [good, good]).frames).toHaveLength(2);
  });

  it("reports out-of-range as overload or underload and converts lb", () => {
    expect(feed(withSum, [withSum.encode({ kg: 0, stable: true, state: "overload" })]).frames).toEqual([
      { kind: "overload" },
    ]);
    expect(feed(withSum, [withSum.encode({ kg: 0, stable: true, state: "underload" })]).frames).toEqual([
      { kind: "underload" },
    ]);
    const lb = Buffer.concat([hex("02 2C 20 20"), latin("001000000000\r\x02")]);
    expect(feed(plain, [lb]).frames).toEqual([
      weight(4.5359237, true, 0.004535924, { net: false, tareKg: 0 }),
    ]);
  });
});

describe("mt-sics", () => {
  const p = SCALE_PROTOCOLS["mt-sics"];

  it("decodes S S, S D, S I, S +, S -, and E* replies at every byte boundary", () => {
    const bytes = latin("S S      12.345 kg\r\nS D      12.340 kg\r\nS I\r\nS +\r\nS -\r\nES\r\nEL\r\n");
    expectSplitInvariant(p, bytes, [
      weight(12.345, true, 0.001),
      weight(12.34, false, 0.001),
      { kind: "busy" },
      { kind: "overload" },
      { kind: "underload" },
      { kind: "error", code: "ES" },
      { kind: "error", code: "EL" },
    ]);
  });

  it("normalises grams and negative values and polls with SI", () => {
    expect(feed(p, [latin("S S     -250.5 g\r\n")]).frames).toEqual([weight(-0.2505, true, 0.0001)]);
    expect(p.poll?.toString("latin1")).toBe("SI\r\n");
  });
});

describe("generic-ad (A&D and Chinese indicators)", () => {
  const p = SCALE_PROTOCOLS["generic-ad"];

  it("decodes the DOMAIN.md line and its variants", () => {
    const bytes = latin(
      "ST,GS,+  1.234kg\r\nUS,GS,+0001.230kg\r\nST,NT,-0000.500 KG\r\nSTGS,+   250.0  g\r\nST,+00012.5kg\r\n",
    );
    expectSplitInvariant(p, bytes, [
      weight(1.234, true, 0.001, { net: false }),
      weight(1.23, false, 0.001, { net: false }),
      weight(-0.5, true, 0.001, { net: true }),
      weight(0.25, true, 0.0001, { net: false }),
      weight(12.5, true, 0.1, { net: false }),
    ]);
  });

  it("reports OL as overload (negative: underload) and skips garbage between lines", () => {
    const fed = feed(p, [
      latin("\x00\xfe\x13OL,GS,+9999999  kg\r\nSxx\r\nOL,GS,-9999999  kg\r\nST,GS,+  1.234kg\r\n"),
    ]);
    expect(fed.frames).toEqual([
      { kind: "overload" },
      { kind: "underload" },
      weight(1.234, true, 0.001, { net: false }),
    ]);
    expect(fed.garbage).toBeGreaterThan(0);
  });
});

describe("A&D overload forms", () => {
  const p = SCALE_PROTOCOLS["generic-ad"];
  it("reads OL,+9999999E+19 as overload and OL,-9999999E+19 as underload", () => {
    expectSplitInvariant(p, latin("OL,+9999999E+19\r\nOL,-9999999E+19\r\nOL,GS,+9999999E+19kg\r\n"), [
      { kind: "overload" },
      { kind: "underload" },
      { kind: "overload" },
    ]);
  });
});

describe("toledo frame end", () => {
  const plain = SCALE_PROTOCOLS.toledo;
  it("in demand mode decodes a frame at its CR, before any next byte, and takes a checksum that follows as its own", () => {
    const frame = plain.encode({ kg: 2.5, stable: true });
    expect(feed(toledoDemand, [frame]).frames).toHaveLength(1);
    const summed = SCALE_PROTOCOLS["toledo-checksum"].encode({ kg: 2.5, stable: true });
    const fed = feed(toledoDemand, [Buffer.concat([summed, summed])]);
    expect(fed.frames).toHaveLength(2);
    expect(fed.garbage).toBe(0);
  });

  it("in continuous mode looks at the byte after CR first, so a wrong checksum byte is caught", () => {
    const summed = SCALE_PROTOCOLS["toledo-checksum"].encode({ kg: 2.5, stable: true });
    const fed = feed(plain, [Buffer.concat([summed, summed, summed])]);
    expect(fed.frames.length).toBeGreaterThanOrEqual(2);
    expect(fed.garbage).toBe(0);
  });
});

describe("every protocol", () => {
  for (const id of SCALE_PROTOCOL_IDS) {
    const p = SCALE_PROTOCOLS[id];

    it(`${id}: its encoder round-trips through its decoder`, () => {
      for (const kg of [0, 0.001, 1.234, 12.5, -0.75, 150.25]) {
        const frames = feed(p, [p.encode({ kg, stable: true }), p.encode({ kg, stable: true })]).frames;
        expect(frames.length, `${kg}`).toBeGreaterThanOrEqual(1);
        const first = frames[0];
        expect(first?.kind).toBe("weight");
        if (first?.kind === "weight") expect(first.kg).toBeCloseTo(kg, 6);
      }
    });

    it(`${id}: 256 KiB of noise yields no weight and bounded state`, () => {
      const bytes = noise(256 * 1024, 0x9e3779b9 ^ id.length);
      let rest: Buffer = Buffer.alloc(0);
      let weights = 0;
      for (let i = 0; i < bytes.length; i += 61) {
        const r = p.decode(Buffer.concat([rest, bytes.subarray(i, i + 61)]));
        weights += r.frames.filter((f) => f.kind === "weight").length;
        rest = r.rest;
        expect(rest.length).toBeLessThanOrEqual(64);
      }
      expect(weights).toBe(0);
    });
  }
});

describe("toledo: the checksum is verified whenever the indicator sends one (issue 14)", () => {
  const plain = SCALE_PROTOCOLS.toledo;

  it("refuses a frame whose checksum disagrees with its digits, on the plain setting too", () => {
    // Standard Continuous Output with checksum: 4.329 kg, SWA 0x2D (3 decimals), SWB 0x30 (kg).
    const frame = Buffer.concat([hex("02 2D 30 20"), latin("004329000000\r")]);
    const sum = [...frame].reduce((s, b) => s + (b & 0x7f), 0);
    const good = Buffer.concat([frame, Buffer.from([(128 - (sum & 0x7f)) & 0x7f])]);
    const bad = Buffer.concat([frame, Buffer.from([(good[17]! + 5) & 0x7f])]);
    // As a checksum-sending indicator streams them: frames back to back, noise before them.
    const bytes = Buffer.concat([noise(7, 11).map((b) => (b & 0x1f) | 0x10), bad, good, bad, good, good]);
    const single = feed(
      plain,
      [...bytes].map((b) => Buffer.from([b])),
    );
    const w = weight(4.329, true, 0.001, { net: false, tareKg: 0 });
    expect(single.frames).toEqual([w, w, w]);
    expect(single.checksum).toBe(2);
    // Noise after a frame without checksum does not cost the frame.
    const plainFrame = frame;
    const noisy = feed(plain, [Buffer.concat([plainFrame, latin("\x7f\x55\x13"), plainFrame, hex("02")])]);
    expect(noisy.frames).toHaveLength(2);
  });
});

describe("generic-ad: A&D variants (issue 14)", () => {
  const p = SCALE_PROTOCOLS["generic-ad"];

  it("QT counting lines, an LO header and a comma before the unit, one byte at a time with noise between", () => {
    const lines = [
      "QT,+00000123 PC\r\n", // counting mode: a piece count, not a weight
      "ST,GS,+0001.234,kg\r\n",
      "US,NT,+  0.500, kg\r\n",
      "LO,GS,-0000.020kg\r\n",
      "QT,GS,+0002.500kg\r\n",
    ];
    const gap = noise(5, 77).map((b) => (b & 0x07) + 0x01); // control bytes, never a header letter
    const bytes = Buffer.concat(lines.flatMap((l) => [latin(l), gap]));
    const single = feed(
      p,
      [...bytes].map((b) => Buffer.from([b])),
    );
    expect(single.frames).toEqual([
      weight(1.234, true, 0.001, { net: false }),
      weight(0.5, false, 0.001, { net: true }),
      { kind: "underload" },
      weight(2.5, true, 0.001, { net: false }),
    ]);
    // The counting line is understood, not thrown away as garbage.
    expect(single.garbage).toBe(gap.length * lines.length);
  });

  it("a header, a digit and a line end without a sign are noise, not a weight (1 MiB noise test flake)", () => {
    // Random bytes contain `ST3` CR every few MiB; A&D lines always carry the sign.
    const fed = feed(p, [latin("ST3\rUS12\nST 7 kg\r\nQT5\rST,GS,+0003.000kg\r\n")]);
    expect(fed.frames).toEqual([weight(3, true, 0.001, { net: false })]);
  });
});

describe("yaohua-ww (XK3190-A27E, A12+SS continuous ww/wn/wt)", () => {
  const p = SCALE_PROTOCOLS["yaohua-ww"];

  it("decodes gross, net and negative lines and ignores the tare line, one byte at a time with noise between", () => {
    const lines = ["ww000.000kg\r\n", "ww012.345kg\r\n", "wn-01.250kg\r\n", "wt000.500kg\r\n", "ww0001.50kg"];
    const gap = noise(6, 5).map((b) => (b & 0x0f) | 0x80); // never a `w`
    const bytes = Buffer.concat(lines.flatMap((l) => [gap, latin(l)]));
    const single = feed(
      p,
      [...bytes].map((b) => Buffer.from([b])),
    );
    expect(single.frames).toEqual([
      weight(0, undefined, 0.001, { net: false }),
      weight(12.345, undefined, 0.001, { net: false }),
      weight(-1.25, undefined, 0.001, { net: true }),
      weight(1.5, undefined, 0.01, { net: false }),
    ]);
    expect(single.garbage).toBe(gap.length * lines.length);
  });
});

describe("toledo: one byte of noise after a frame sent without checksum (issue 14, bench loss)", () => {
  const plain = SCALE_PROTOCOLS.toledo;
  const frameOf = (digits: string) => Buffer.concat([hex("02 2D 30 20"), latin(`${digits}000000\r`)]);
  const sumOf = (frame: Buffer) => [...frame].reduce((s, b) => s + (b & 0x7f), 0) & 0x7f;

  it("keeps every frame when single noise bytes that are no checksum sit between frames", () => {
    const weights = ["004329", "001250", "012000", "000750", "002500", "003100"];
    const frames = weights.map(frameOf);
    // A noise byte that does not complete the frame's 7-bit sum, as 20% garbage gives it.
    const parts = frames.flatMap((f, k) =>
      k % 2 === 0 ? [f, Buffer.from([(128 - sumOf(f) + 9) & 0x7f])] : [f],
    );
    const fed = feed(
      plain,
      [...Buffer.concat([...parts, hex("02")])].map((b) => Buffer.from([b])),
    );
    expect(fed.frames.map((f) => (f.kind === "weight" ? f.kg : f.kind))).toEqual([
      4.329, 1.25, 12, 0.75, 2.5, 3.1,
    ]);
    expect(fed.checksum).toBe(0);
    expect(fed.garbage).toBe(3);
  });

  it("still refuses two wrong checksums in a row from an indicator that sends them", () => {
    const frame = frameOf("004329");
    const good = Buffer.concat([frame, Buffer.from([(128 - sumOf(frame)) & 0x7f])]);
    const bad = Buffer.concat([frame, Buffer.from([(128 - sumOf(frame) + 3) & 0x7f])]);
    const fed = feed(
      plain,
      [...Buffer.concat([bad, bad, good, good])].map((b) => Buffer.from([b])),
    );
    expect(fed.checksum).toBe(2);
    expect(fed.frames).toHaveLength(2);
  });

  it("keeps the 20% garbage bench stream whole: 20 000 frames in, 20 000 out", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const parts: Buffer[] = [];
    for (let i = 0; i < 20_000; i++) {
      const frame = plain.encode({ kg: Math.round(rand() * 50_000) / 1000, stable: rand() > 0.3 });
      const junk = Buffer.alloc(Math.floor(frame.length * 0.2 * rand() * 2));
      for (let j = 0; j < junk.length; j++) junk[j] = Math.floor(rand() * 256);
      parts.push(junk, frame);
    }
    parts.push(hex("02"));
    const stream = Buffer.concat(parts);
    const chunks: Buffer[] = [];
    for (let i = 0; i < stream.length; i += 64) chunks.push(stream.subarray(i, i + 64));
    expect(feed(plain, chunks).frames).toHaveLength(20_000);
  });
});

describe("keli-continuous (柯力 D2008 连续方式, 12-byte frame)", () => {
  const p = SCALE_PROTOCOLS["keli-continuous"];

  it("decodes the manual's frames one byte at a time with noise between, refusing a wrong XOR", () => {
    const frames = [
      // 20.00 kg: the manual's XOR example, 1Bh sent as `1` `B` (31h 42h).
      hex("02 2B 30 30 32 30 30 30 32 31 42 03"),
      // 1.234 kg, three decimals.
      hex("02 2B 30 30 31 32 33 34 33 31 43 03"),
      // −0.750 kg.
      hex("02 2D 30 30 30 37 35 30 33 31 43 03"),
      // The same 1.234 kg with a wrong XOR (`1D`): line noise, not a weight.
      hex("02 2B 30 30 31 32 33 34 33 31 44 03"),
      // Keli's data convention with the radix point itself (XK3118K9-R appendix 1): 1.2340 kg.
      hex("02 2B 30 31 2E 32 33 34 30 30 31 03"),
      // Empty pan.
      hex("02 2B 30 30 30 30 30 30 30 31 42 03"),
    ];
    const gap = noise(5, 21).map((b) => (b & 0x7f) | 0x40); // never STX
    const bytes = Buffer.concat(frames.flatMap((f) => [gap, f]));
    const single = feed(
      p,
      [...bytes].map((b) => Buffer.from([b])),
    );
    expect(single.frames).toEqual([
      weight(20, undefined, 0.01),
      weight(1.234, undefined, 0.001),
      weight(-0.75, undefined, 0.001),
      weight(1.234, undefined, 0.0001),
      weight(0, undefined, 1),
    ]);
    expect(single.checksum).toBe(1);
    expect(single.garbage).toBe(gap.length * frames.length);
    expectSplitInvariant(p, Buffer.concat(frames.slice(0, 3)), [
      weight(20, undefined, 0.01),
      weight(1.234, undefined, 0.001),
      weight(-0.75, undefined, 0.001),
    ]);
  });

  it("its encoder sends the manual's frame", () => {
    expect(p.encode({ kg: 20, stable: true, decimals: 2 })).toEqual(
      hex("02 2B 30 30 32 30 30 30 32 31 42 03"),
    );
  });
});
