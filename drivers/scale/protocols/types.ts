/**
 * What a scale frame says, already normalised to kilograms. Overload, underload and busy are
 * their own kinds so they can never be mistaken for a weight.
 */
export type ScaleFrame =
  | {
      kind: "weight";
      /** Kilograms; negative when the indicator says so. */
      kg: number;
      /** The protocol's own stability flag; undefined when it has none (stability is inferred). */
      stable: boolean | undefined;
      /** One displayed digit in kg (from the decimals sent), the finest step the scale shows. */
      resolutionKg: number;
      net?: boolean;
      tareKg?: number;
    }
  | { kind: "overload" }
  | { kind: "underload" }
  /** MT-SICS `S I`: the balance cannot answer yet. */
  | { kind: "busy" }
  /** MT-SICS `ES`/`ET`/`EL`: the balance refused the command. */
  | { kind: "error"; code: string };

/** The result of scanning bytes for frames; the caller keeps `rest` for the next chunk. */
export interface DecodeResult {
  frames: ScaleFrame[];
  rest: Buffer;
  garbageBytes: number;
  checksumErrors: number;
}

/** What a simulator asks an encoder to send. */
export interface SimulatedReading {
  kg: number;
  stable: boolean;
  state?: "ok" | "overload" | "underload";
  /** Digits after the point (default 3). */
  decimals?: number;
}

export interface ScaleProtocol {
  readonly id: ScaleProtocolSetting;
  /** Pure: accumulated bytes → frames + what is left over. */
  decode(bytes: Buffer): DecodeResult;
  /** One frame as the indicator would send it (used by the simulators and tests). */
  encode(reading: SimulatedReading): Buffer;
  /** For polled protocols (MT-SICS): the request the driver sends each poll. */
  readonly poll?: Buffer;
  /** Serial defaults of the indicator family (DOMAIN.md §5). */
  readonly serial: { baudRate: number; dataBits: 7 | 8; parity: "none" | "even" | "odd" };
}

export const SCALE_PROTOCOL_IDS = [
  "generic-ad",
  "yaohua-tf0",
  "yaohua-tf1",
  "keli-command",
  "keli-continuous",
  "yaohua-equals-reversed",
  "yaohua-equals",
  "yaohua-a12",
  "yaohua-ww",
  "toledo",
  "toledo-checksum",
  "mt-sics",
] as const;
export type ScaleProtocolId = (typeof SCALE_PROTOCOL_IDS)[number];
/** What a scale's `protocol` may say: a stream protocol, or a Modbus indicator with its register map. */
export type ScaleProtocolSetting = ScaleProtocolId | "modbus-indicator";

/**
 * A weight in kg from an indicator's magnitude and sign, scaled by the unit factor and rounded;
 * a zero is always +0 (a "-0.000" display is no negative weight).
 */
export function weightKg(magnitude: number, negative: boolean, factor = 1): number {
  const kg = roundKg((negative ? -magnitude : magnitude) * factor);
  return kg === 0 ? 0 : kg;
}

/** Round away binary noise after scaling (1.234 × 0.001 must stay 0.001234). */
export function roundKg(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** XOR of bytes [from, to), as two upper-case ASCII hex characters' value. */
export function xor(bytes: Buffer, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i] ?? 0;
  return x;
}

export function hexByte(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, "0");
}

/** Parse two ASCII hex characters; NaN when they are not hex. */
export function parseHexPair(bytes: Buffer, at: number): number {
  const text = bytes.toString("latin1", at, at + 2);
  return /^[0-9A-Fa-f]{2}$/.test(text) ? Number.parseInt(text, 16) : Number.NaN;
}

/** A digit string with an optional point → number and its resolution ("004.139" → 4.139, 0.001). */
export function parseDecimal(text: string): { value: number; resolution: number } | undefined {
  const t = text.trim();
  if (!/^\d*\.?\d*$/.test(t) || !/\d/.test(t)) return undefined;
  const dot = t.indexOf(".");
  const decimals = dot < 0 ? 0 : t.length - dot - 1;
  return { value: Number(t), resolution: 10 ** -decimals };
}
