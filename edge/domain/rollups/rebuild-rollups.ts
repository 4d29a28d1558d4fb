import type { Database } from "better-sqlite3";
import { rawReadingsBefore } from "../../store/reading-retention.js";
import { floorHour, HOUR_MS } from "./environment-summary.js";

const DAY_MS = 24 * HOUR_MS;

export interface RebuildResult {
  from: number;
  to: number;
  days: number;
  deviceRows: number;
  siteRows: number;
}

/**
 * Recompute hourly rollups from the stored readings, e.g. after sensors were placed on a site
 * only after they had started reporting (site rollups record where a device stood when it
 * reported, so those hours have none). Site rollups are rebuilt with the devices' current
 * sites. One day per transaction, so the intake writer never waits longer than a day's work
 * for the lock while the station runs. Hours before the local retention horizon are left as
 * they are: their raw readings are gone. Only readings up to `derived_cursor` are counted: the
 * running writer holds the newer ones in memory and adds them at its next derived write
 * (edge/intake/derived-writes.ts), and the cursor is read in the same transaction as the fill.
 */
export function rebuildRollups(db: Database, requestedSince: number, until: number): RebuildResult {
  // Hours before the retention horizon have rollups but no longer all their raw readings.
  const since = Math.max(requestedSince, rawReadingsBefore(db));
  const first = db
    .prepare(
      "SELECT min(ts) AS lo, max(ts) AS hi FROM messages WHERE kind = 'reading' AND ts >= ? AND ts <= ?",
    )
    .get(since, until) as { lo: number | null; hi: number | null };
  const result: RebuildResult = { from: since, to: until, days: 0, deviceRows: 0, siteRows: 0 };
  if (first.lo === null || first.hi === null) return result;
  const clearDevice = db.prepare("DELETE FROM rollups_hourly WHERE hour >= ? AND hour < ?");
  const clearSite = db.prepare("DELETE FROM rollups_site_hourly WHERE hour >= ? AND hour < ?");
  const fillDevice = db.prepare(
    `INSERT INTO rollups_hourly (device_id, metric, hour, count, sum, min, max)
     SELECT m.device_id, j.key, m.ts - (m.ts % ${HOUR_MS}) AS hour, count(*), sum(j.value), min(j.value), max(j.value)
     FROM messages m, json_each(m.payload, '$.values') j
     WHERE m.kind = 'reading' AND m.ts >= ? AND m.ts < ?
       AND m.id <= (SELECT last_message_id FROM derived_cursor WHERE id = 1)
     GROUP BY m.device_id, j.key, hour`,
  );
  const fillSite = db.prepare(
    `INSERT INTO rollups_site_hourly (site_id, metric, hour, count, sum, min, max)
     SELECT r.site_id, r.metric, r.hour, sum(r.count), sum(r.sum), min(r.min), max(r.max)
     FROM (SELECT d.site AS site_id, h.metric, h.hour, h.count, h.sum, h.min, h.max
           FROM rollups_hourly h JOIN devices d ON d.id = h.device_id
           WHERE d.site IS NOT NULL AND h.hour >= ? AND h.hour < ?) r
     GROUP BY r.site_id, r.metric, r.hour`,
  );
  // Whole hours only: the hours touched by [since, until] are recomputed completely.
  for (let day = floorHour(Math.max(since, first.lo)); day <= first.hi; day += DAY_MS) {
    const end = Math.min(day + DAY_MS, floorHour(first.hi) + HOUR_MS);
    db.transaction(() => {
      clearDevice.run(day, end);
      clearSite.run(day, end);
      result.deviceRows += fillDevice.run(day, end).changes;
      result.siteRows += fillSite.run(day, end).changes;
    }).immediate();
    result.days++;
  }
  return result;
}
