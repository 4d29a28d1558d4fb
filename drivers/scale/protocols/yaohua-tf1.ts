import { type Attempt, scanFrames } from "./frame-scanner.js";
import {
  hexByte,
  parseDecimal,
  parseHexPair,
  roundKg,
  type ScaleProtocol,
  type SimulatedReading,
  xor,
} from "./types.js";

const STX = 0x02;
const ETX = 0x03;
/** Response to command B: STX, address, command, sign, six digits, decimals, two XOR chars, ETX. */
const LENGTH = 14;
/** Command B, read gross weight (XK3190 manuals, 指令方式 table: commands A–F). */
const READ_GROSS = 0x42;

/** The indicator's address letter: address 1 is `A` (0x41), 2 is `B`, up to 26 (`Z`). */
export const addressLetter = (address: number): number => 0x40 + address;

/**
 * Yaohua XK3190 command mode, tf=1 (XK3190-A23P manual p. 24, "Command type" table; the A9
 * uses the same frames): several indicators on one RS-485 line, each with its own address.
 * The host sends STX, the address letter (`A` = 1 … `Z` = 26), a command letter, two ASCII hex
 * characters = XOR of address and command, ETX: read gross weight at address 1 is
 * `02 41 42 30 33 03`. The indicator answers STX, address, command, the data (command B: sign,
 * six weight digits, decimals 0–4), two ASCII hex characters = XOR of everything from the
 * address to the last data byte, ETX. Answers for other addresses on the shared line are
 * valid frames for someone else: skipped without counting as garbage.
 *
 * Keli (柯力) indicators speak the same command frames (KeLi XK3118K9-R user manual, appendix,
 * command table p. 10) but their command-B data is the sign and seven characters: six digits
 * and the radix point itself (`+01.2340`), not a decimals digit: `keli-command`.
 */
export function yaohuaTf1(address: number): ScaleProtocol {
  return commandMode(address, "yaohua-tf1");
}

export function keliCommand(address: number): ScaleProtocol {
  return commandMode(address, "keli-command");
}

function commandMode(address: number, id: "yaohua-tf1" | "keli-command"): ScaleProtocol {
  const keli = id === "keli-command";
  const me = addressLetter(address);
  const request = Buffer.from([STX, me, READ_GROSS, ...Buffer.from(hexByte(me ^ READ_GROSS), "latin1"), ETX]);

  const tryAt = (bytes: Buffer, at: number): Attempt => {
    if (bytes[at] !== STX) return { t: "skip" };
    if (bytes.length - at < 3) return { t: "more" };
    const who = bytes[at + 1] ?? 0;
    const command = bytes[at + 2];
    if (who < 0x41 || who > 0x5a || command !== READ_GROSS) return { t: "skip" };
    if (bytes.length - at < LENGTH) return { t: "more" };
    const sign = bytes[at + 3];
    const digits = bytes.toString("latin1", at + 4, at + 11);
    const shape = keli ? /^(?=[0-9.]{7}$)\d*\.?\d*$/ : /^\d{6}[0-4]$/;
    if ((sign !== 0x2b && sign !== 0x2d) || !shape.test(digits) || bytes[at + 13] !== ETX) {
      return { t: "skip" };
    }
    if (parseHexPair(bytes, at + 11) !== xor(bytes, at + 1, at + 11))
      return { t: "checksum", length: LENGTH };
    if (who !== me) return { t: "frame", length: LENGTH };
    const number = keli
      ? parseDecimal(digits)
      : { value: Number(digits.slice(0, 6)) / 10 ** Number(digits[6]), resolution: 10 ** -Number(digits[6]) };
    if (!number) return { t: "skip" };
    const kg = roundKg(sign === 0x2d ? -number.value : number.value);
    return {
      t: "frame",
      length: LENGTH,
      frame: {
        kind: "weight",
        kg: kg === 0 ? 0 : kg,
        stable: undefined,
        resolutionKg: roundKg(number.resolution),
      },
    };
  };

  const encode = (r: SimulatedReading): Buffer => {
    const decimals = Math.min(4, r.decimals ?? 3);
    const kg = r.state === "overload" ? 999999 / 10 ** decimals : r.kg;
    const raw = Math.round(Math.abs(kg) * 10 ** decimals);
    const field = keli
      ? (Math.abs(kg).toFixed(decimals) + (decimals === 0 ? "." : "")).padStart(7, "0").slice(-7)
      : `${String(raw).padStart(6, "0").slice(-6)}${decimals}`;
    const head = Buffer.from([me, READ_GROSS, ...Buffer.from(`${kg < 0 ? "-" : "+"}${field}`, "latin1")]);
    const check = Buffer.from(hexByte(xor(head, 0, head.length)), "latin1");
    return Buffer.concat([Buffer.from([STX]), head, check, Buffer.from([ETX])]);
  };

  return {
    id,
    decode: (bytes) => scanFrames(bytes, tryAt, LENGTH),
    encode,
    poll: request,
    serial: { baudRate: 9600, dataBits: 8, parity: "none" },
  };
}
