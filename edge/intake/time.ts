/**
 * Device timestamps: ISO-8601 text or epoch milliseconds (DESIGN.md). Anything before 2000 or
 * more than a day ahead is a device clock that was never set; such a message is refused with a
 * reason instead of being filed under 1970.
 */
const EARLIEST = Date.UTC(2000, 0, 1);
const MAX_AHEAD_MS = 24 * 3600 * 1000;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export type ParsedTime = { ok: true; ms: number } | { ok: false; reason: string };

export function parseDeviceTime(value: string | number | undefined, receivedAt: number): ParsedTime {
  if (value === undefined) return { ok: true, ms: receivedAt };
  let ms: number;
  if (typeof value === "number") {
    if (!Number.isInteger(value))
      return { ok: false, reason: "ts 须为整数毫秒 / ts must be integer milliseconds" };
    ms = value;
  } else {
    if (!ISO_8601.test(value)) return { ok: false, reason: `ts "${value}" 不是 ISO-8601 / not ISO-8601` };
    ms = Date.parse(value);
    if (Number.isNaN(ms)) return { ok: false, reason: `ts "${value}" 不是有效日期 / not a valid date` };
  }
  if (ms < EARLIEST) {
    return { ok: false, reason: "ts 早于 2000 年：设备时钟未校准，请校时或不填 ts / device clock not set" };
  }
  if (ms > receivedAt + MAX_AHEAD_MS) {
    return { ok: false, reason: "ts 比站点时间超前一天以上：请校准设备时钟 / ts more than a day ahead" };
  }
  return { ok: true, ms };
}
