import { type CodeCheck, invalid, valid } from "../core/check-result.js";

/**
 * A mainland vehicle plate (GA 36-2018): province abbreviation, issuing-office letter, then 5
 * characters (6 for new-energy plates) of letters without I and O and digits; a trailer or
 * learner plate has 4 and ends in 挂 or 学.
 */
const PLATE =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学])$/;

export function normalisePlate(plate: string): string {
  return plate.replace(/[\s·•.-]/g, "").toUpperCase();
}

export function checkPlate(plate: string): CodeCheck {
  return PLATE.test(normalisePlate(plate))
    ? valid()
    : invalid(`车牌号 ${plate} 格式不对 / plate ${plate} is not a mainland plate`);
}
