import type { Attempt } from "./frame-scanner.js";
import { scanFrames } from "./frame-scanner.js";
import { parseDecimal, type ScaleProtocol, type SimulatedReading, weightKg } from "./types.js";

const LENGTH = 9;

/**
 * Yaohua "=" output (XK3190-A23P/A26 tf=1..3 and many clones): `=` then eight characters with
 * no terminator. In the reversed form the seven characters of the number (including the point)
 * come least significant first and the sign character last: `=000.3000` is 3.000 kg, and the
 * sign position carries `-` for negative. The normal form sends the same field most
 * significant first (`=0003.000`). No stability flag, no checksum: the driver infers
 * stability, and a frame must parse cleanly to count.
 */
function attempt(reversed: boolean) {
  return (bytes: Buffer, at: number): Attempt => {
    if (bytes[at] !== 0x3d) return { t: "skip" };
    if (bytes.length - at < LENGTH) return { t: "more" };
    let field = bytes.toString("latin1", at + 1, at + LENGTH);
    if (reversed) field = [...field].reverse().join("");
    // Most significant first now: sign position, then seven characters with at most one point.
    const signChar = field[0];
    const body = field.slice(1);
    if (!/^[0-9 +-]$/.test(signChar ?? "") || !/^[0-9. ]{7}$/.test(body)) return { t: "skip" };
    const number = parseDecimal(body.replace(/ /g, ""));
    if (!number || (body.match(/\./g)?.length ?? 0) > 1) return { t: "skip" };
    return {
      t: "frame",
      length: LENGTH,
      frame: {
        kind: "weight",
        kg: weightKg(number.value, signChar === "-"),
        stable: undefined,
        resolutionKg: number.resolution,
      },
    };
  };
}

function encoder(reversed: boolean) {
  return (r: SimulatedReading): Buffer => {
    const decimals = r.decimals ?? 3;
    const kg = r.state === "overload" ? 9999999 / 10 ** decimals : r.kg;
    const digits = Math.abs(kg).toFixed(decimals).padStart(7, "0").slice(-7);
    const field = `${kg < 0 ? "-" : "0"}${digits}`;
    return Buffer.from(`=${reversed ? [...field].reverse().join("") : field}`, "latin1");
  };
}

export const yaohuaEqualsReversed: ScaleProtocol = {
  id: "yaohua-equals-reversed",
  decode: (bytes) => scanFrames(bytes, attempt(true), LENGTH),
  encode: encoder(true),
  serial: { baudRate: 9600, dataBits: 8, parity: "none" },
};

export const yaohuaEquals: ScaleProtocol = {
  id: "yaohua-equals",
  decode: (bytes) => scanFrames(bytes, attempt(false), LENGTH),
  encode: encoder(false),
  serial: { baudRate: 9600, dataBits: 8, parity: "none" },
};
