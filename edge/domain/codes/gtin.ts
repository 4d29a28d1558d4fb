import { type CodeCheck, invalid, valid } from "./check-result.js";

/** GS1 General Specifications §7.9.1: mod 10, weights 3 and 1 alternating from the right (before the check digit). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body.charAt(body.length - 1 - i));
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** GTIN-8, -12, -13 or -14. */
export function checkGtin(gtin: string): CodeCheck {
  if (!/^\d+$/.test(gtin) || ![8, 12, 13, 14].includes(gtin.length)) {
    return invalid("GTIN 应为 8、12、13 或 14 位数字 / GTIN must be 8, 12, 13 or 14 digits");
  }
  const expected = gtinCheckDigit(gtin.slice(0, -1));
  if (Number(gtin.slice(-1)) !== expected) {
    return invalid(`校验位应为 ${expected} / check digit should be ${expected}`);
  }
  return valid();
}

/** GTIN-14 form used in GS1 Digital Link paths (left-padded with zeros). */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, "0");
}
