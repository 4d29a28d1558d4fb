import { localDateTime, localDay } from "../core/local-day.js";

/** HTML text escaping for the server-rendered pages (every value from a record goes through it). */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A day in the station's zone as yyyy-mm-dd, or a dash when there is none. */
export function dayOf(ms: number | null | undefined, timeZone: string): string {
  return ms === null || ms === undefined ? "—" : localDay(ms, timeZone);
}

/** "yyyy-mm-dd HH:mm" in the station's zone, or a dash when there is none. */
export function dateTimeOf(ms: number | null | undefined, timeZone: string): string {
  return ms === null || ms === undefined ? "—" : localDateTime(ms, timeZone);
}
