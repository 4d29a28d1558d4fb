/**
 * Calendar days in the station's time zone. Intervals (安全间隔期, 休药期) count days on the
 * calendar where the farm is, not UTC: an application at 07:00 on 5 May in Shanghai is on 5 May.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "YYYY-MM-DD" of an instant in the given zone. */
export function localDay(ms: number, timeZone: string): string {
  return formatter(timeZone).format(new Date(ms));
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD HH:mm" of an instant in the given zone (labels, trace pages). */
export function localDateTime(ms: number, timeZone: string): string {
  let f = dateTimeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    dateTimeFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/** Add whole days to a "YYYY-MM-DD" day (calendar arithmetic, no zone involved). */
export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from day a to day b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** "YYMMDD" of an instant, for lot codes. */
export function yymmdd(ms: number, timeZone: string): string {
  const d = localDay(ms, timeZone);
  return `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`;
}
