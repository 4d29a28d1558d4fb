import { type CodeCheck, invalid, valid } from "../../core/check-result.js";

/**
 * Lot codes: `{station}-{YYMMDD}-{seq 4+ digits}-{check}`, e.g. `ST01-261122-0001-7`. ASCII,
 * made offline. The check character is ISO/IEC 7064 MOD 37,36 (hybrid system, alphabet 0-9A-Z)
 * over the characters without hyphens: it catches every single substitution and adjacent
 * transposition, which is what a person typing a lot from a label gets wrong.
 */
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const M = 36;

function hybridRemainder(chars: string): number | undefined {
  let p = M;
  for (const ch of chars) {
    const a = ALPHABET.indexOf(ch);
    if (a < 0) return undefined;
    let s = (p + a) % M;
    if (s === 0) s = M;
    p = (2 * s) % (M + 1);
  }
  return p;
}

/** ISO 7064 MOD 37,36 check character for an uppercase 0-9A-Z string. */
export function mod3736CheckChar(body: string): string {
  const p = hybridRemainder(body);
  if (p === undefined) throw new RangeError(`not 0-9A-Z: ${body}`);
  return ALPHABET.charAt((M + 1 - p) % M);
}

/** Verifies a string whose last character is its MOD 37,36 check character. */
export function mod3736Verify(withCheck: string): boolean {
  const p = hybridRemainder(withCheck.slice(0, -1));
  const a = ALPHABET.indexOf(withCheck.slice(-1));
  if (p === undefined || a < 0) return false;
  const s = (p + a) % M;
  return s === 1;
}

export function formatLotCode(station: string, yymmdd: string, seq: number): string {
  const body = `${station}${yymmdd}${String(seq).padStart(4, "0")}`;
  return `${station}-${yymmdd}-${String(seq).padStart(4, "0")}-${mod3736CheckChar(body)}`;
}

export function checkLotCode(lot: string): CodeCheck {
  const m = /^([A-Z0-9]{2,8})-(\d{6})-(\d{4,})-([0-9A-Z])$/.exec(lot);
  if (!m) return invalid("批次码格式应为 站点-YYMMDD-序号-校验位 / lot must be STATION-YYMMDD-SEQ-C");
  if (!mod3736Verify(`${m[1]}${m[2]}${m[3]}${m[4]}`)) {
    return invalid("批次码校验位不对，可能抄错 / lot check character wrong (mistyped?)");
  }
  return valid();
}

/** Certificate numbers: `{station}-HG{seq 6+ digits}-{check}`, same check character. */
export function formatCertificateNumber(station: string, seq: number): string {
  const digits = String(seq).padStart(6, "0");
  return `${station}-HG${digits}-${mod3736CheckChar(`${station}HG${digits}`)}`;
}
