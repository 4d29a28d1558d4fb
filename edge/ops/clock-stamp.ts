import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "../store/database.js";

/** File in the data directory holding the latest time the station knew to be correct. */
export const CLOCK_STAMP_FILE = "clock-stamp";

export function readClockStamp(dataDir: string): number | null {
  try {
    const n = Number(readFileSync(join(dataDir, CLOCK_STAMP_FILE), "utf8").trim());
    return Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** Written through a rename so a power cut leaves the old stamp or the new one, never half. */
export function writeClockStamp(dataDir: string, at: number): void {
  const file = join(dataDir, CLOCK_STAMP_FILE);
  writeFileSync(`${file}.tmp`, `${Math.floor(at)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The receive time of the last message taken in (rowid order: no scan, whatever the table size). */
export function lastIntakeTime(db: Database): number | null {
  const row = db.prepare("SELECT received_at FROM messages ORDER BY id DESC LIMIT 1").pluck().get();
  return typeof row === "number" ? row : null;
}

/** The later of the stamp file and the last intake: the clock must not read earlier than this. */
export function clockHighWater(dataDir: string, db: Database): number | null {
  const stamp = readClockStamp(dataDir);
  const last = lastIntakeTime(db);
  if (stamp === null) return last;
  if (last === null) return stamp;
  return Math.max(stamp, last);
}
