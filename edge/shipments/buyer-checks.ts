import { type CodeCheck, invalid, valid } from "../core/check-result.js";
import { checkCreditCode } from "../domain/codes/credit-code.js";
import { checkIdCardNumber } from "../domain/codes/subject-id.js";

export type BuyerIdKind = "credit_code" | "id_card";

/**
 * A buyer is a business (统一社会信用代码, GB 32100-2015) or a person (居民身份证号,
 * GB 11643-1999, ISO 7064 MOD 11-2 check): both are 18 characters, a person's all digits but
 * perhaps a final X, so the kind follows from the text when the caller does not say.
 */
export function buyerIdKind(idNumber: string): BuyerIdKind {
  return /^\d{17}[\dX]$/.test(idNumber) ? "id_card" : "credit_code";
}

export function checkBuyerId(kind: BuyerIdKind, idNumber: string): CodeCheck {
  return kind === "id_card" ? checkIdCardNumber(idNumber) : checkCreditCode(idNumber);
}

/** Spaces, dashes and brackets people type between digit groups, and a +86 / 0086 country prefix. */
export function normalisePhone(phone: string): string {
  const compact = phone.trim().replace(/[\s()（）]/g, "");
  return compact.replace(/^(\+86|0086)-?/, "");
}

/**
 * A Chinese mobile number (11 digits, 1 then 3-9: the MIIT numbering plan's mobile blocks) or
 * a landline: area code 0 + 2-3 digits, a 7-8 digit number, optional extension.
 */
export function checkPhone(phone: string): CodeCheck {
  const p = normalisePhone(phone);
  if (/^1[3-9]\d{9}$/.test(p)) return valid();
  if (/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(p)) return valid();
  if (/^1\d*$/.test(p) && p.length !== 11) return invalid("手机号应为 11 位 / a mobile number has 11 digits");
  return invalid(
    "电话应为 11 位手机号或带区号的固话（如 0591-12345678）/ phone must be an 11-digit mobile or a landline with area code",
  );
}
