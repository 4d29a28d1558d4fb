import { type CodeCheck, invalid, valid } from "./check-result.js";

/**
 * GS1 Global Trade Item Numbers, one rule for master data (edge/domain/codes/gtin.ts) and for
 * labels' Digital Link QR (labels/qr-url.ts). GTIN-8, -12, -13 or -14.
 */
const GTIN_FORM = /^(\d{8}|\d{12}|\d{13}|\d{14})$/;

/** GS1 General Specifications §7.9.1: mod 10, weights 3 and 1 alternating from the right (before the check digit). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body.charAt(body.length - 1 - i));
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Why a string is not a GTIN (`form`: not 8/12/13/14 digits; `expected`: the right check digit), or undefined. */
export function gtinFault(gtin: string): { form: true } | { expected: number } | undefined {
  if (!GTIN_FORM.test(gtin)) return { form: true };
  const expected = gtinCheckDigit(gtin.slice(0, -1));
  return Number(gtin.slice(-1)) === expected ? undefined : { expected };
}

/** GTIN-14 form used in GS1 Digital Link paths and EPCIS (left-padded with zeros). */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, "0");
}

/** A product's GTIN as master data takes it. */
export function checkGtin(gtin: string): CodeCheck {
  const fault = gtinFault(gtin);
  if (fault === undefined) return valid();
  if ("form" in fault)
    return invalid("GTIN 应为 8、12、13 或 14 位数字 / GTIN must be 8, 12, 13 or 14 digits");
  return invalid(`校验位应为 ${fault.expected} / check digit should be ${fault.expected}`);
}
