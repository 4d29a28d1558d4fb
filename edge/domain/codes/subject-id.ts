import { type CodeCheck, invalid, valid } from "../../core/check-result.js";
import type { SubjectIdKind } from "../records.js";
import { checkCreditCode } from "./credit-code.js";

/** 居民身份证号码 (GB 11643-1999): 17 digits and a mod 11-2 check character (0-9 or X). */
export function checkIdCardNumber(id: string): CodeCheck {
  if (!/^\d{17}[\dX]$/.test(id))
    return invalid("身份证号应为 17 位数字加校验位 / ID number must be 17 digits + check");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id.charAt(i)) * (2 ** (17 - i) % 11);
  const check = "10X98765432".charAt(sum % 11);
  if (check !== id.charAt(17)) return invalid(`校验位应为 ${check} / check character should be ${check}`);
  return valid();
}

/** Old 15-digit business licence (注册号, before the unified code); the format has no public check. */
export function checkLicenceNumber(no: string): CodeCheck {
  if (!/^\d{15}$/.test(no)) return invalid("营业执照注册号应为 15 位数字 / licence number must be 15 digits");
  return valid();
}

export function checkSubjectId(kind: SubjectIdKind, value: string): CodeCheck {
  if (kind === "credit_code") return checkCreditCode(value);
  if (kind === "licence") return checkLicenceNumber(value);
  return checkIdCardNumber(value);
}
