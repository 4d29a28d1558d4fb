import { kgPerUnit } from "../../../edge/core/mass-units.js";
import { type Attempt, lineEnd, scanFrames } from "./frame-scanner.js";
import { parseDecimal, roundKg, type ScaleProtocol, type SimulatedReading, weightKg } from "./types.js";

const MAX_LINE = 40;

/**
 * A&D-style lines, also sent by many Chinese indicators (A&D FX-i/GF/HW manuals, "A&D
 * standard format"): `ST,GS,+0001.234  kg` CR LF. Header ST stable, US unstable, OL overload
 * (a negative sign with OL = underload); then GS gross, NT net, TR tare; sign, zero- or
 * space-padded number, unit. Variants seen: a comma dropped, the data type missing, the unit
 * upper-cased or separated by spaces; never the sign, which a weight line must have.
 * Issue 14 variants: `QT` (A&D counting mode, "stable count", FX-i manual §11 data format) is a
 * valid line but a piece count, never a weight, unless its unit is a mass; `LO` as a header
 * (some Chinese A&D-style indicators: below the lower limit) is underload; the unit may follow
 * a comma (`+0001.234,kg`, `+  1.234, kg`).
 */
const LINE =
  /^(ST|US|OL|QT|LO)\s*,?\s*(GS|NT|TR|GW|NW|TW|G|N|T)?\s*,?\s*([+-])?\s*([0-9. ]*[0-9.])?\s*,?\s*([A-Za-z]{0,3})\s*$/;

const OVER = /^OL\s*,?\s*(?:[A-Z]{1,2}\s*,?\s*)?([+-])?[0-9. E+-]*\s*[A-Za-z]{0,3}\s*$/;

function tryAt(bytes: Buffer, at: number): Attempt {
  const c0 = bytes[at];
  // Frames begin with S, U, O, Q or L; anything else is resynchronisation noise.
  if (c0 !== 0x53 && c0 !== 0x55 && c0 !== 0x4f && c0 !== 0x51 && c0 !== 0x4c) return { t: "skip" };
  const end = lineEnd(bytes, at, MAX_LINE);
  if (end < 0) return bytes.length - at >= MAX_LINE ? { t: "skip" } : { t: "more" };
  const line = bytes.toString("latin1", at, end);
  const length = end - at;
  // OL lines carry no usable number, and indicators fill it any way they like: A&D sends
  // `OL,+9999999E+19` (FX-i manual, "overload data"), others `OL,GS,-9999999 kg`.
  const limit = OVER.exec(line);
  if (limit) return { t: "frame", length, frame: { kind: limit[1] === "-" ? "underload" : "overload" } };
  const match = LINE.exec(line);
  if (!match) return { t: "skip" };
  const [, header, type, sign, digits, unit] = match;
  if (header === "OL")
    return { t: "frame", length, frame: { kind: sign === "-" ? "underload" : "overload" } };
  if (header === "LO") return { t: "frame", length, frame: { kind: "underload" } };
  // A&D lines always carry the sign; `ST3` CR without one turns up in line noise every few MiB
  // and must never become a stable 3 kg.
  if (!sign) return { t: "skip" };
  // A piece count (unit PC): the indicator is in counting mode; nothing to weigh.
  if (header === "QT" && kgPerUnit(unit || "kg") === undefined) return { t: "frame", length };
  const number = digits === undefined ? undefined : parseDecimal(digits.replace(/ /g, ""));
  const factor = kgPerUnit(unit || "kg");
  if (!number || factor === undefined) return { t: "skip" };
  return {
    t: "frame",
    length,
    frame: {
      kind: "weight",
      kg: weightKg(number.value, sign === "-", factor),
      stable: header === "ST" || header === "QT",
      resolutionKg: roundKg(number.resolution * factor),
      net: type === "NT" || type === "NW" || type === "N",
    },
  };
}

function encode(r: SimulatedReading): Buffer {
  const decimals = r.decimals ?? 3;
  if (r.state === "overload") return Buffer.from("OL,GS,+9999999  kg\r\n", "latin1");
  if (r.state === "underload") return Buffer.from("OL,GS,-9999999  kg\r\n", "latin1");
  const number = Math.abs(r.kg).toFixed(decimals).padStart(9, "0");
  return Buffer.from(`${r.stable ? "ST" : "US"},GS,${r.kg < 0 ? "-" : "+"}${number}kg\r\n`, "latin1");
}

export const genericAd: ScaleProtocol = {
  id: "generic-ad",
  decode: (bytes) => scanFrames(bytes, tryAt, MAX_LINE),
  encode,
  serial: { baudRate: 9600, dataBits: 8, parity: "none" },
};
