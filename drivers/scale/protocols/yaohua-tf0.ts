import type { Attempt } from "./frame-scanner.js";
import { scanFrames } from "./frame-scanner.js";
import { hexByte, parseHexPair, type ScaleProtocol, type SimulatedReading, weightKg, xor } from "./types.js";

const LENGTH = 12;
const STX = 0x02;
const ETX = 0x03;

/**
 * Yaohua XK3190-A9/A9+/DS1 continuous output, tf=0 (A9 manual, "连续方式" table): STX, sign,
 * six ASCII digits, one ASCII digit = decimals, two ASCII hex = XOR of bytes 2..9 (sign to
 * decimals), ETX. Always kg; no stability flag, so the driver infers it.
 * Example from DOMAIN.md §5: 1.234 kg = 02 2B 30 30 31 32 33 34 33 31 43 03.
 */
function tryAt(bytes: Buffer, at: number): Attempt {
  if (bytes[at] !== STX) return { t: "skip" };
  if (bytes.length - at < LENGTH) return { t: "more" };
  const sign = bytes[at + 1];
  if ((sign !== 0x2b && sign !== 0x2d) || bytes[at + 11] !== ETX) return { t: "skip" };
  const digits = bytes.toString("latin1", at + 2, at + 9);
  if (!/^\d{7}$/.test(digits)) return { t: "skip" };
  if (parseHexPair(bytes, at + 9) !== xor(bytes, at + 1, at + 9)) return { t: "checksum", length: LENGTH };
  const decimals = Number(digits[6]);
  const raw = Number(digits.slice(0, 6));
  return {
    t: "frame",
    length: LENGTH,
    frame: {
      kind: "weight",
      kg: weightKg(raw / 10 ** decimals, sign === 0x2d),
      stable: undefined,
      resolutionKg: 10 ** -decimals,
    },
  };
}

function encode(r: SimulatedReading): Buffer {
  const decimals = r.decimals ?? 3;
  // The A9 has no overload code in this format; it sends its full-scale value instead.
  const kg = r.state === "overload" ? 999999 / 10 ** decimals : r.kg;
  const raw = Math.round(Math.abs(kg) * 10 ** decimals);
  const body = Buffer.from(
    `${kg < 0 ? "-" : "+"}${String(raw).padStart(6, "0").slice(-6)}${decimals}`,
    "latin1",
  );
  const check = hexByte(xor(body, 0, body.length));
  return Buffer.concat([Buffer.from([STX]), body, Buffer.from(check, "latin1"), Buffer.from([ETX])]);
}

export const yaohuaTf0: ScaleProtocol = {
  id: "yaohua-tf0",
  decode: (bytes) => scanFrames(bytes, tryAt, LENGTH),
  encode,
  serial: { baudRate: 9600, dataBits: 8, parity: "none" },
};
