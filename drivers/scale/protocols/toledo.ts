import { kgPerUnit } from "../../../edge/core/mass-units.js";
import type { Attempt } from "./frame-scanner.js";
import { scanFrames } from "./frame-scanner.js";
import { roundKg, type ScaleProtocol, type SimulatedReading, weightKg } from "./types.js";

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

/** The frame body from STX to CR at `at` is well formed: status words and twelve digits. */
function wellFormed(bytes: Buffer, at: number): boolean {
  if (((bytes[at] ?? 0) & 0x7f) !== STX || ((bytes[at + BASE - 1] ?? 0) & 0x7f) !== CR) return false;
  for (let k = 1; k <= 3; k++) if (!((bytes[at + k] ?? 0) & 0x20)) return false;
  for (let k = 4; k < BASE - 1; k++) {
    const c = (bytes[at + k] ?? 0) & 0x7f;
    if (c !== 0x20 && (c < 0x30 || c > 0x39)) return false;
  }
  return true;
}

/** How many following frames the ambiguous case may look at (each one frame period later). */
const LOOK_AHEAD_FRAMES = 2;

/**
 * Does the indicator whose next frame starts at `at` send the checksum byte? Yes when that
 * frame's byte after CR completes its 7-bit sum; no when its CR is followed straight by the
 * next STX, or by noise; when it too is followed by one wrong byte and an STX, the frame after
 * it decides (up to `depth` frames, then no). "more" until the bytes that decide have come.
 * Without this look-ahead a frame sent without checksum and followed by one byte of noise was
 * refused as a checksum error: 15% of the frames of the 20%-garbage bench (issue 14).
 */
function streamSendsChecksums(bytes: Buffer, at: number, depth: number): boolean | "more" {
  if (bytes.length - at < BASE + 1) return "more";
  if (!wellFormed(bytes, at)) return false;
  if (sum7(bytes, at, at + BASE + 1) === 0) return true;
  if (((bytes[at + BASE] ?? 0) & 0x7f) === STX || depth <= 1) return false;
  if (bytes.length - at < BASE + 2) return "more";
  if (((bytes[at + BASE + 1] ?? 0) & 0x7f) !== STX) return false;
  return streamSendsChecksums(bytes, at + BASE + 1, depth - 1);
}

/** The longest run the scanner keeps while a decision waits: this frame and those looked at. */
const MAX_PENDING = (BASE + 1) * (LOOK_AHEAD_FRAMES + 1);

/** "auto": continuous output, checksum verified when sent; "at-cr": demand mode, decoded at CR. */
function attempt(checksum: "required" | "auto" | "at-cr") {
  return (bytes: Buffer, at: number): Attempt => {
    if (((bytes[at] ?? 0) & 0x7f) !== STX) {
      // The optional checksum of a frame already decoded at its CR, arriving with what follows.
      if (checksum !== "required" && at >= BASE && sum7(bytes, at - BASE, at + 1) === 0) {
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
    const withSum = available > BASE && sum7(bytes, at, at + BASE + 1) === 0;
    const next = (bytes[at + BASE] ?? 0) & 0x7f;
    if (checksum === "required") {
      if (available < BASE + 1) return { t: "more" };
      if (!withSum) return { t: "checksum", length: BASE + 1 };
      length = BASE + 1;
    } else if (checksum === "at-cr") {
      // Demand (print-key) mode: a press sends one frame and nothing after it, so the frame is
      // decoded at its CR (waiting for the next byte would store the previous press's weight);
      // a checksum byte that came with it is absorbed.
      if (available > BASE && withSum && next !== STX) length = BASE + 1;
    } else if (withSum && next !== STX) {
      length = BASE + 1;
    } else if (!withSum && next !== STX) {
      // Continuous output, one byte between this frame's CR and the next STX: the indicator's
      // checksum byte disagreeing with the digits (line noise, not a weight), or one byte of
      // noise after a frame sent without checksum (the frame stands). Only the frames that
      // follow tell which: see `streamSendsChecksums`.
      if (available < BASE + 2) return { t: "more" };
      if (((bytes[at + BASE + 1] ?? 0) & 0x7f) === STX) {
        const sends = streamSendsChecksums(bytes, at + BASE + 1, LOOK_AHEAD_FRAMES);
        if (sends === "more") return { t: "more" };
        if (sends) return { t: "checksum", length: BASE + 1 };
      }
    }
    if (swb & 0x04) {
      return { t: "frame", length, frame: { kind: swb & 0x02 ? "underload" : "overload" } };
    }
    const scale = DECIMAL_SCALE[swa & 0x07] ?? 1;
    const factor = kgPerUnit(swb & 0x10 ? "kg" : "lb") ?? 1;
    const weight = Number(text.slice(0, 6).replace(/ /g, "0")) * scale * factor;
    const tare = Number(text.slice(6).replace(/ /g, "0")) * scale * factor;
    return {
      t: "frame",
      length,
      frame: {
        kind: "weight",
        kg: weightKg(weight, (swb & 0x02) !== 0),
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
  decode: (bytes) => scanFrames(bytes, attempt("auto"), MAX_PENDING),
  encode: encoder(false),
  serial: { baudRate: 9600, dataBits: 7, parity: "even" },
};

export const toledoChecksum: ScaleProtocol = {
  id: "toledo-checksum",
  decode: (bytes) => scanFrames(bytes, attempt("required"), BASE + 1),
  encode: encoder(true),
  serial: { baudRate: 9600, dataBits: 7, parity: "even" },
};

/**
 * The `toledo` decoder for an indicator in demand (print-key) mode (`output: demand`): each
 * press sends one frame, decoded at its CR. In continuous mode the decoder looks at the byte
 * after CR first, so a checksum byte that disagrees with the digits is caught (issue 14).
 */
export const toledoDemand: ScaleProtocol = {
  ...toledo,
  decode: (bytes) => scanFrames(bytes, attempt("at-cr"), BASE + 1),
};
