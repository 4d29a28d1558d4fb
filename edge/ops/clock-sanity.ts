import "./ops-codes.js";

/**
 * Clock checks for a box without a real-time clock (a Raspberry Pi boots at 1970 or at the
 * fake-hwclock time of its last shutdown until NTP answers). Pure: the evidence is passed in.
 */

/** No correct clock reads earlier than this release was made (bumped with each release). */
export const RELEASE_FLOOR_MS = Date.UTC(2026, 0, 1);

/** Backward steps smaller than this are NTP slews or leap smear, not a wrong clock. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

export interface ClockEvidence {
  now: number;
  /** Latest time the station has known for sure: its stamp file or the newest stored message. */
  highWater?: number | null | undefined;
  floor?: number;
}

export type ClockVerdict =
  | { ok: true }
  | { ok: false; code: "OPS_CLOCK_UNSET"; message: string }
  | { ok: false; code: "OPS_CLOCK_BEHIND"; message: string; behindMs: number };

export function judgeClock(e: ClockEvidence): ClockVerdict {
  const floor = e.floor ?? RELEASE_FLOOR_MS;
  const now = new Date(e.now).toISOString();
  if (e.now < floor) {
    return {
      ok: false,
      code: "OPS_CLOCK_UNSET",
      message: `系统时间 ${now} 早于 ${new Date(floor).toISOString().slice(0, 10)} / system time ${now} is before this release`,
    };
  }
  if (e.highWater != null && e.now < e.highWater - CLOCK_TOLERANCE_MS) {
    const behindMs = e.highWater - e.now;
    const last = new Date(e.highWater).toISOString();
    return {
      ok: false,
      code: "OPS_CLOCK_BEHIND",
      message: `系统时间 ${now} 比已记录的 ${last} 早 ${Math.round(behindMs / 60_000)} 分钟 / clock is behind data stored at ${last}`,
      behindMs,
    };
  }
  return { ok: true };
}
