import type { Database } from "../store/database.js";
import { CLOCK_TOLERANCE_MS, RELEASE_FLOOR_MS } from "./clock-sanity.js";

export interface SuspectReadings {
  count: number;
  firstId: number | null;
  lastId: number | null;
}

/**
 * Messages received while the station clock was wrong: their receive time is before this
 * release, or earlier than a message taken in before them (intake order is the rowid, which a
 * wrong clock cannot disturb). Their times cannot be trusted for batches or certificates.
 * One pass with a running maximum (SQLite window function), not a self-join.
 */
export function findSuspectReadings(db: Database, floor = RELEASE_FLOOR_MS): SuspectReadings {
  const row = db
    .prepare(
      `SELECT count(*) AS count, min(id) AS firstId, max(id) AS lastId FROM (
         SELECT id, received_at,
           max(received_at) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
         FROM messages)
       WHERE received_at < ? OR received_at < before - ?`,
    )
    .get(floor, CLOCK_TOLERANCE_MS) as SuspectReadings;
  return row;
}
