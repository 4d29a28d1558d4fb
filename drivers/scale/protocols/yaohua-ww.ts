import { kgPerUnit } from "../../../edge/core/mass-units.js";
import { type Attempt, scanFrames } from "./frame-scanner.js";
import { parseDecimal, roundKg, type ScaleProtocol, type SimulatedReading } from "./types.js";

/** Two type letters, seven characters of weight with the point, two unit letters. */
const LENGTH = 11;

/**
 * Yaohua XK3190-A12+SS and A27E continuous output (A12+SS manual, 串行通讯接口, "(1) 连续方式":
 * 毛重格式 `ww000.000kg` or `ww000.000lb`, 净重 `wn…`, 皮重 `wt…`; "the point sits where the
 * indicator's decimal setting puts it"; ASCII, 8N1). Seven characters of weight including the
 * point, a `-` in front for a negative value, then the unit, usually followed by CR LF. No
 * checksum and no stability flag, so stability is inferred and a frame must parse cleanly to
 * count. The indicator's command mode answers `R` with one line of the same format. A `wt`
 * line reports the tare, not a load on the pan: it is a valid line with no weight.
 */
function tryAt(bytes: Buffer, at: number): Attempt {
  if (bytes[at] !== 0x77) return { t: "skip" };
  if (bytes.length - at < 2) return { t: "more" };
  const type = bytes[at + 1];
  if (type !== 0x77 && type !== 0x6e && type !== 0x74) return { t: "skip" };
  if (bytes.length - at < LENGTH) return { t: "more" };
  const field = bytes.toString("latin1", at + 2, at + 9);
  const factor = kgPerUnit(bytes.toString("latin1", at + 9, at + 11));
  if (!/^-?[0-9. ]+$/.test(field) || field.length !== 7 || factor === undefined) return { t: "skip" };
  const negative = field.startsWith("-");
  const number = parseDecimal(field.replace(/^-/, "").replace(/ /g, ""));
  if (!number || (field.match(/\./g)?.length ?? 0) > 1) return { t: "skip" };
  if (type === 0x74) return { t: "frame", length: LENGTH };
  const kg = roundKg((negative ? -number.value : number.value) * factor);
  return {
    t: "frame",
    length: LENGTH,
    frame: {
      kind: "weight",
      kg: kg === 0 ? 0 : kg,
      stable: undefined,
      resolutionKg: roundKg(number.resolution * factor),
      net: type === 0x6e,
    },
  };
}

function encode(r: SimulatedReading): Buffer {
  const decimals = r.decimals ?? 3;
  const digits = Math.abs(r.kg).toFixed(decimals);
  const field = r.kg < 0 ? `-${digits.padStart(6, "0")}` : digits.padStart(7, "0");
  return Buffer.from(`ww${field.slice(-7)}kg\r\n`, "latin1");
}

export const yaohuaWw: ScaleProtocol = {
  id: "yaohua-ww",
  decode: (bytes) => scanFrames(bytes, tryAt, LENGTH),
  encode,
  serial: { baudRate: 9600, dataBits: 8, parity: "none" },
};
