import { kgPerUnit } from "../../../edge/core/mass-units.js";
import { type Attempt, lineEnd, scanFrames } from "./frame-scanner.js";
import { parseDecimal, roundKg, type ScaleProtocol, type SimulatedReading, weightKg } from "./types.js";

const MAX_LINE = 40;
const WEIGHT = /^S\s+([SD])\s+(-?)\s*([0-9.]+)\s+([A-Za-z]{1,3})$/;

/**
 * METTLER TOLEDO Standard Interface Command Set (MT-SICS reference manual, level 0): the host
 * polls with `SI` (immediately) or `S` (next stable) + CR LF; the balance answers
 * `S S     12.345 kg` (stable), `S D ...` (dynamic), `S I` (busy), `S +` / `S -` (over/under
 * range), or `ES` / `ET` / `EL` (syntax, transmission, logical error).
 */
function tryAt(bytes: Buffer, at: number): Attempt {
  const c0 = bytes[at];
  if (c0 !== 0x53 && c0 !== 0x45) return { t: "skip" };
  const end = lineEnd(bytes, at, MAX_LINE);
  if (end < 0) return bytes.length - at >= MAX_LINE ? { t: "skip" } : { t: "more" };
  const line = bytes.toString("latin1", at, end).trimEnd();
  const length = end - at;
  if (/^E[STL]$/.test(line)) return { t: "frame", length, frame: { kind: "error", code: line } };
  if (/^S\s+I$/.test(line)) return { t: "frame", length, frame: { kind: "busy" } };
  if (/^S\s+\+$/.test(line)) return { t: "frame", length, frame: { kind: "overload" } };
  if (/^S\s+-$/.test(line)) return { t: "frame", length, frame: { kind: "underload" } };
  const match = WEIGHT.exec(line);
  if (!match) return { t: "skip" };
  const [, status, minus, digits, unit] = match;
  const number = parseDecimal(digits ?? "");
  const factor = kgPerUnit(unit ?? "");
  if (!number || factor === undefined) return { t: "skip" };
  return {
    t: "frame",
    length,
    frame: {
      kind: "weight",
      kg: weightKg(number.value, Boolean(minus), factor),
      stable: status === "S",
      resolutionKg: roundKg(number.resolution * factor),
    },
  };
}

function encode(r: SimulatedReading): Buffer {
  if (r.state === "overload") return Buffer.from("S +\r\n", "latin1");
  if (r.state === "underload") return Buffer.from("S -\r\n", "latin1");
  const value = r.kg.toFixed(r.decimals ?? 3).padStart(10, " ");
  return Buffer.from(`S ${r.stable ? "S" : "D"} ${value} kg\r\n`, "latin1");
}

export const mtSics: ScaleProtocol = {
  id: "mt-sics",
  decode: (bytes) => scanFrames(bytes, tryAt, MAX_LINE),
  encode,
  poll: Buffer.from("SI\r\n", "latin1"),
  serial: { baudRate: 9600, dataBits: 8, parity: "none" },
};
