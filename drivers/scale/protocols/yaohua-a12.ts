import { kgPerUnit } from "../../../edge/core/mass-units.js";
import type { Attempt } from "./frame-scanner.js";
import { scanFrames } from "./frame-scanner.js";
import {
  hexByte,
  parseDecimal,
  parseHexPair,
  roundKg,
  type ScaleProtocol,
  type SimulatedReading,
  weightKg,
  xor,
} from "./types.js";

/** W, G|N, seven characters, two unit characters, two hex XOR characters; CR LF follow. */
const LENGTH = 13;

/**
 * Yaohua XK3190-A12(E) continuous output (A12E manual, 通讯格式): `W`, `G` gross or `N` net,
 * seven characters of signed weight with the point, the unit (`kg`), two ASCII hex = XOR of
 * bytes 1..11, CR LF. Example from DOMAIN.md §5: `WG004.139kg3D` CR LF = 4.139 kg gross.
 * Overload and underload come as the text `OL` / `LO` in the weight field. No stability flag.
 */
function tryAt(bytes: Buffer, at: number): Attempt {
  if (bytes[at] === 0x20 || bytes[at] === 0x4f || bytes[at] === 0x4c) return limitFrame(bytes, at);
  if (bytes[at] !== 0x57) return { t: "skip" };
  if (bytes.length - at < LENGTH) return { t: "more" };
  const type = bytes[at + 1];
  if (type !== 0x47 && type !== 0x4e) return { t: "skip" };
  const field = bytes.toString("latin1", at + 2, at + 9);
  const unit = bytes.toString("latin1", at + 9, at + 11);
  const factor = kgPerUnit(unit);
  if (!/^[0-9 .+\-OL]{7}$/.test(field) || factor === undefined) return { t: "skip" };
  if (parseHexPair(bytes, at + 11) !== xor(bytes, at, at + 11)) return { t: "checksum", length: LENGTH };
  const text = field.replace(/ /g, "");
  if (text.endsWith("OL")) return { t: "frame", length: LENGTH, frame: { kind: "overload" } };
  if (text.endsWith("LO")) return { t: "frame", length: LENGTH, frame: { kind: "underload" } };
  const negative = text.startsWith("-");
  const number = parseDecimal(text.replace(/^[+-]/, ""));
  if (!number) return { t: "skip" };
  return {
    t: "frame",
    length: LENGTH,
    frame: {
      kind: "weight",
      kg: weightKg(number.value, negative, factor),
      stable: undefined,
      resolutionKg: roundKg(number.resolution * factor),
      net: type === 0x4e,
    },
  };
}

/**
 * The A12E's overload and underload frames have no `W`, type or unit: the eleven characters
 * are blanks then `OL` (or `LO`), still followed by the XOR of those eleven and CR LF, e.g.
 * `         OL23` CR LF as captured from an A12E at full scale.
 */
const LIMIT = /^ *(OL|LO)$/;

function limitFrame(bytes: Buffer, at: number): Attempt {
  if (bytes.length - at < LENGTH) return { t: "more" };
  const text = bytes.toString("latin1", at, at + 11);
  const match = LIMIT.exec(text);
  if (!match || (bytes[at + 13] !== undefined && bytes[at + 13] !== 0x0d)) return { t: "skip" };
  // Starting inside the run of blanks gives a wrong XOR: move on a byte, it is not a frame here.
  if (parseHexPair(bytes, at + 11) !== xor(bytes, at, at + 11)) return { t: "skip" };
  return { t: "frame", length: LENGTH, frame: { kind: match[1] === "OL" ? "overload" : "underload" } };
}

function encode(r: SimulatedReading): Buffer {
  const decimals = r.decimals ?? 3;
  let head: Buffer;
  if (r.state === "overload" || r.state === "underload") {
    // As the A12E sends it: no W, no unit (see limitFrame).
    head = Buffer.from(`         ${r.state === "overload" ? "OL" : "LO"}`, "latin1");
  } else {
    const digits = Math.abs(r.kg).toFixed(decimals);
    const field = r.kg < 0 ? `-${digits.padStart(6, "0")}` : digits.padStart(7, "0");
    head = Buffer.from(`WG${field.slice(-7)}kg`, "latin1");
  }
  return Buffer.concat([head, Buffer.from(`${hexByte(xor(head, 0, head.length))}\r\n`, "latin1")]);
}

export const yaohuaA12: ScaleProtocol = {
  id: "yaohua-a12",
  decode: (bytes) => scanFrames(bytes, tryAt, LENGTH),
  encode,
  serial: { baudRate: 9600, dataBits: 8, parity: "none" },
};
