import { type CodeCheck, invalid, valid } from "../../core/check-result.js";

/**
 * 农药登记证号. Current form (农药登记管理办法): PD + 4-digit year + 4-digit sequence, e.g.
 * PD20080005. Older temporary (LS), public-health (WP, WL) and legacy forms such as PDN2-88 or
 * PD84104 still appear on stock and are accepted with a warning rather than refused.
 */
const STRICT = /^PD(19[89]\d|20\d\d)\d{4}$/;
const OLDER = /^(LS|WP|WL)(19[89]\d|20\d\d)\d{4}$/;
const LEGACY = /^(PD|LS|WP|WL)[A-Z]?\d{1,3}-\d{2,4}$|^PD\d{5,6}$|^(PD|LS|WP|WL)\d{8}(-[A-Z0-9]+)?$/;

/**
 * `usedAt` (epoch ms) checks the year: a number registered after the product was used, or
 * before registration began in China (农药登记, 1982), cannot be the label's.
 */
export function checkRegistrationNumber(raw: string, usedAt?: number, timezone = "Asia/Shanghai"): CodeCheck {
  const regNo = raw.trim().toUpperCase();
  const year = STRICT.test(regNo) || OLDER.test(regNo) ? Number(regNo.slice(2, 6)) : null;
  if (year !== null) {
    const usedYear =
      usedAt === undefined
        ? null
        : Number(new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric" }).format(usedAt));
    if (year < 1982 || (usedYear !== null && year > usedYear)) {
      return invalid(
        `农药登记证号 ${regNo} 的年份 ${year} 不对（${year < 1982 ? "早于 1982 年农药登记开始" : `晚于使用年份 ${usedYear}`}），请照标签核对 / registration year ${year} is impossible${usedYear !== null ? ` for a use in ${usedYear}` : ""}`,
      );
    }
  }
  if (STRICT.test(regNo)) return valid();
  if (OLDER.test(regNo)) {
    const prefix = regNo.slice(0, 2);
    const what =
      prefix === "LS" ? "临时登记 / temporary registration" : "卫生用农药 / public-health pesticide";
    return valid(`${prefix} 证号（${what}），请核对标签 / check against the label`);
  }
  if (LEGACY.test(regNo))
    return valid("旧式登记证号，请核对标签 / legacy registration form, check the label");
  return invalid(
    `农药登记证号格式不对：${raw}（应为 PD+年份4位+序号4位，如 PD20080005）/ registration number not valid (PD + year + 4-digit sequence)`,
  );
}

/** Whether a registration number is the strict current form, a legacy form, or absent. */
export function registrationStatus(
  regNo: string | null | undefined,
): "valid" | "legacy" | "none" | "invalid" {
  if (regNo === undefined || regNo === null || regNo.trim() === "") return "none";
  const check = checkRegistrationNumber(regNo);
  if (!check.ok) return "invalid";
  return check.warning ? "legacy" : "valid";
}
