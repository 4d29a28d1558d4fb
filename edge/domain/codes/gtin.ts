import { gtinFault } from "../../core/gtin.js";
import { type CodeCheck, invalid, valid } from "./check-result.js";

/** A product's GTIN as master data takes it (the rule itself: edge/core/gtin.ts). */
export function checkGtin(gtin: string): CodeCheck {
  const fault = gtinFault(gtin);
  if (fault === undefined) return valid();
  if ("form" in fault)
    return invalid("GTIN 应为 8、12、13 或 14 位数字 / GTIN must be 8, 12, 13 or 14 digits");
  return invalid(`校验位应为 ${fault.expected} / check digit should be ${fault.expected}`);
}
