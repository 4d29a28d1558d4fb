import { type CodeCheck, invalid, valid } from "../../core/check-result.js";

/** 绿色食品 enterprise information code: GF + 12 digits (中国绿色食品发展中心 labelling rules). */
export function checkGreenFoodCode(code: string): CodeCheck {
  if (!/^GF\d{12}$/.test(code))
    return invalid("绿色食品企业信息码应为 GF+12 位数字 / must be GF + 12 digits");
  return valid();
}

/** 有机码 on 有机产品认证标志 (CNCA organic certification rules): 17 digits. */
export function checkOrganicCode(code: string): CodeCheck {
  if (!/^\d{17}$/.test(code)) return invalid("有机码应为 17 位数字 / organic code must be 17 digits");
  return valid();
}
