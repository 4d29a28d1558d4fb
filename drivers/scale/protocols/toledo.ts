import type { Attempt } from "./frame-scanner.js";
import { scanFrames } from "./frame-scanner.js";
import { roundKg, type ScaleProtocol, type SimulatedReading, unitFactor } from "./types.js";

const STX = 0x02;
const CR = 0x0d;
const BASE = 17;

/**
 * Mettler Toledo standard continuous output (Toledo terminal manuals, "Standard Continuous
 * Output"): STX, status words SWA SWB SWC, six weight digits, six tare digits, CR, and an
 * optional checksum byte making the 7-bit sum of the whole frame ≡ 0 (mod 128). Usually 7E1.
 * SWA bits 0–2: decimal point position (code 0 = ×100 … 2 = ×1 … 7 = 0.00001).
 * SWB bit 0 net, bit 1 negative, bit 2 out of range, bit 3 in motion, bit 4 kg (else lb).
 * Status words always have bit 5 set, which is how a status byte is told from noise.
 */
const DECIMAL_SCALE = [100, 10, 1, 0.1, 0.01, 0.001, 0.0001, 0.00001] as const;

function sum7(bytes: Buffer, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (bytes[i] ?? 0) & 0x7f;
  return s & 0x7f;
}

function attempt(checksum: "required" | "auto") {
  return (bytes: Buffer, at: number): Attempt => {
    if (((bytes[at] ?? 0) & 0x7f) !== STX) {
      // The optional checksum of a frame already decoded at its CR, arriving with what follows.
      if (checksum === "auto" && at >= BASE && sum7(bytes, at - BASE, at + 1) === 0) {
        if (((bytes[at - BASE] ?? 0) & 0x7f) === STX) return { t: "frame", length: 1 };
      }
      return { t: "skip" };
    }
    const available = bytes.length - at;
    if (available < BASE) return { t: "more" };
    const swa = (bytes[at + 1] ?? 0) & 0x7f;
    const swb = (bytes[at + 2] ?? 0) & 0x7f;
    const swc = (bytes[at + 3] ?? 0) & 0x7f;
    if (!(swa & 0x20) || !(swb & 0x20) || !(swc & 0x20)) return { t: "skip" };
    if (((bytes[at + BASE - 1] ?? 0) & 0x7f) !== CR) return { t: "skip" };
    const text = Buffer.from(bytes.subarray(at + 4, at + 16).map((b) => b & 0x7f)).toString("latin1");
    if (!/^[0-9 ]{12}$/.test(text)) return { t: "skip" };
    // "toledo": the frame ends at its CR and is decoded then, not when the next frame's STX
    // arrives (in demand mode that is the next press). "toledo-checksum": it ends at the
    // checksum byte after CR, so it is decoded when that byte arrives.
    let length = BASE;
    if (checksum === "required") {
      if (available < BASE + 1) return { t: "more" };
      if (sum7(bytes, at, at + BASE + 1) !== 0) return { t: "checksum", length: BASE + 1 };
      length = BASE + 1;
    } else if (available > BASE && sum7(bytes, at, at + BASE + 1) === 0) {
      // A checksum byte that arrived with its frame is part of it, not garbage.
      if (((bytes[at + BASE] ?? 0) & 0x7f) !== STX) length = BASE + 1;
    }
    if (swb & 0x04) {
      return { t: "frame", length, frame: { kind: swb & 0x02 ? "underload" : "overload" } };
    }
    const scale = DECIMAL_SCALE[swa & 0x07] ?? 1;
    const factor = unitFactor(swb & 0x10 ? "kg" : "lb") ?? 1;
    const weight = Number(text.slice(0, 6).replace(/ /g, "0")) * scale * factor;
    const tare = Number(text.slice(6).replace(/ /g, "0")) * scale * factor;
    const kg = roundKg(swb & 0x02 ? -weight : weight);
    return {
      t: "frame",
      length,
      frame: {
        kind: "weight",
        kg: kg === 0 ? 0 : kg,
        stable: !(swb & 0x08),
        resolutionKg: roundKg(scale * factor),
        net: (swb & 0x01) === 1,
        tareKg: roundKg(tare),
      },
    };
  };
}

function encoder(withChecksum: boolean) {
  return (r: SimulatedReading): Buffer => {
    const decimals = Math.min(5, r.decimals ?? 3);
    // Increment size ×1 (SWA bits 3–4 = 01) and the decimal code for `decimals`.
    const swa = 0x20 | 0x08 | (decimals + 2);
    let swb = 0x20 | 0x10;
    if (!r.stable) swb |= 0x08;
    if (r.kg < 0 || r.state === "underload") swb |= 0x02;
    if (r.state === "overload" || r.state === "underload") swb |= 0x04;
    const raw = String(Math.round(Math.abs(r.kg) * 10 ** decimals))
      .padStart(6, "0")
      .slice(-6);
    const frame = Buffer.from([STX, swa, swb, 0x20, ...Buffer.from(`${raw}000000`, "latin1"), CR]);
    if (!withChecksum) return frame;
    return Buffer.concat([frame, Buffer.from([(128 - sum7(frame, 0, frame.length)) & 0x7f])]);
  };
}

export const toledo: ScaleProtocol = {
  id: "toledo",
  decode: (bytes) => scanFrames(bytes, attempt("auto"), BASE + 1),
  encode: encoder(false),
  serial: { baudRate: 9600, dataBits: 7, parity: "even" },
};

export const toledoChecksum: ScaleProtocol = {
  id: "toledo-checksum",
  decode: (bytes) => scanFrames(bytes, attempt("required"), BASE + 1),
  encode: encoder(true),
  serial: { baudRate: 9600, dataBits: 7, parity: "even" },
};
