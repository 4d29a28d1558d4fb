/**
 * Times a person types (CLI options, API fields given as text). A time without an offset is
 * wall-clock time where the station is, never UTC: "2026-05-03 07:00" typed in a Shanghai
 * packing house is 07:00 in Shanghai, so the gate's calendar days match what was meant.
 */
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC (ms) at an instant. */
function zoneOffset(ms: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return asUtc - (ms - (ms % 1000));
}

/** Epoch ms of a typed time: epoch digits, ISO-8601 with an offset, or local wall time in `timeZone`. */
export function parseLocalTime(text: string, timeZone: string): number {
  const value = text.trim();
  if (/^\d{10,}$/.test(value)) return Number(value);
  if (OFFSET.test(value) && /\d{2}:\d{2}/.test(value)) return Date.parse(value);
  const m = WALL.exec(value);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0"] = m;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, +frac.padEnd(3, "0"));
  if (new Date(wall).getUTCDate() !== +d!) return Number.NaN;
  // Two passes settle the offset across a daylight-saving change (zones with DST).
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  return guess;
}

/** Whether the runtime knows the IANA zone (config load refuses one it does not). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
