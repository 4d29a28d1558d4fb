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

/** STX, sign, seven characters of weight, two XOR characters, ETX. */
const LENGTH = 12;
const STX = 0x02;
const ETX = 0x03;

/**
 * Keli (柯力) D2008 continuous output (柯力 D2008 称重显示控制器说明书, 串行通讯 "连续方式":
 * 所传送的数据为仪表的当前重量, 每帧数据由 12 组数据组成; 异或 = 2⊕3⊕…⊕8⊕9; the clause as
 * quoted in blog.csdn.net/waxyy002/article/details/137327779, whose table is Yaohua's tf=0
 * layout, the same as the Yaohua XK3190-A26 manual's "continuous format 0"): byte 1 `02` (XON),
 * byte 2 the sign `+`/`-`, bytes 3–8 the displayed weight high digit first, byte 9 the
 * decimals counted from the right (0–4), bytes 10–11 the XOR of bytes 2…9 as two ASCII hex
 * characters (high and low four bits, each + 30h when ≤ 9, + 37h when above: `1B` → `31 42`),
 * byte 12 `03` (XOFF). Always the displayed (gross or net) weight, no stability flag, so the
 * driver infers stability; 9600 8N1 by default.
 *
 * Also accepted: bytes 3–9 holding the digits with the radix point itself, which is how Keli
 * sends weights in command mode (KeLi XK3118K9-R user manual, appendix 1, command B: "6 digit
 * and one radix point", `+01.2340`); the continuous-mode clause does not show it, but a field
 * with a point cannot be mistaken for six digits and a decimals digit, so reading both costs
 * nothing. Either way the XOR covers bytes 2…9, and a frame whose XOR disagrees is counted as
 * a checksum error, never a weight.
 */
function tryAt(bytes: Buffer, at: number): Attempt {
  if (bytes[at] !== STX) return { t: "skip" };
  if (bytes.length - at < 2) return { t: "more" };
  const sign = bytes[at + 1];
  if (sign !== 0x2b && sign !== 0x2d) return { t: "skip" };
  if (bytes.length - at < LENGTH) return { t: "more" };
  if (bytes[at + 11] !== ETX) return { t: "skip" };
  const field = bytes.toString("latin1", at + 2, at + 9);
  const number = readField(field);
  if (!number) return { t: "skip" };
  if (parseHexPair(bytes, at + 9) !== xor(bytes, at + 1, at + 9)) return { t: "checksum", length: LENGTH };
  return {
    t: "frame",
    length: LENGTH,
    frame: {
      kind: "weight",
      kg: weightKg(number.value, sign === 0x2d),
      stable: undefined,
      resolutionKg: roundKg(number.resolution),
    },
  };
}

/** `0012343` → 1.234 (six digits, three decimals); `01.2340` → 1.234 (the point itself). */
function readField(field: string): { value: number; resolution: number } | undefined {
  if (/^\d{6}[0-4]$/.test(field)) {
    const decimals = Number(field[6]);
    return { value: Number(field.slice(0, 6)) / 10 ** decimals, resolution: 10 ** -decimals };
  }
  if (/^(?=[0-9.]{7}$)\d+\.\d*$/.test(field)) return parseDecimal(field);
  return undefined;
}

function encode(r: SimulatedReading): Buffer {
  const decimals = Math.min(4, r.decimals ?? 3);
  // Like the indicator, an overload is sent as its full-scale display.
  const kg = r.state === "overload" ? 999999 / 10 ** decimals : r.kg;
  const raw = Math.round(Math.abs(kg) * 10 ** decimals);
  const body = Buffer.from(
    `${kg < 0 ? "-" : "+"}${String(raw).padStart(6, "0").slice(-6)}${decimals}`,
    "latin1",
  );
  const check = Buffer.from(hexByte(xor(body, 0, body.length)), "latin1");
  return Buffer.concat([Buffer.from([STX]), body, check, Buffer.from([ETX])]);
}

export const keliContinuous: ScaleProtocol = {
  id: "keli-continuous",
  decode: (bytes) => scanFrames(bytes, tryAt, LENGTH),
  encode,
  serial: { baudRate: 9600, dataBits: 8, parity: "none" },
};
