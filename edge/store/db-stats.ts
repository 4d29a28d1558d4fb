import { statSync } from "node:fs";
import type { Database } from "./database.js";
import { rawReadingsBefore } from "./reading-retention.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface TableSize {
  table: string;
  /** The table with its indexes. */
  bytes: number;
  rows: number;
}

export interface DbStats {
  file: { path: string; bytes: number; walBytes: number; pageSize: number; freeBytes: number };
  tables: TableSize[];
  readings: {
    count: number;
    oldestTs: number | null;
    newestTs: number | null;
    /** Raw readings before this are reduced to rollups by retention (null: none yet). */
    reducedBefore: number | null;
    perDay: number;
    bytesEach: number;
  };
  projection: {
    rawReadingDays: number;
    /** Raw readings at steady state: perDay × rawReadingDays × bytesEach. */
    rawBytes: number;
    /** Rollups added per year at the current number of (device, metric) pairs. */
    rollupBytesPerYear: number;
    /** Everything else now + raw at steady state + two years of rollups. */
    totalBytes: number;
  };
}

/**
 * `trace-station db stats` (issue 16): where the store's bytes are (SQLite's dbstat table,
 * sqlite.org/dbstat.html), the oldest raw reading, and the size the file settles at with the
 * current rate and retention. Reads only; safe beside a running station.
 */
export function dbStats(db: Database, path: string, rawReadingDays: number, now: number): DbStats {
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  const pages = db.pragma("page_count", { simple: true }) as number;
  const free = db.pragma("freelist_count", { simple: true }) as number;
  const sizes = db
    .prepare(
      `SELECT coalesce(s.tbl_name, d.name) AS tbl, sum(d.pgsize) AS bytes
       FROM dbstat d LEFT JOIN sqlite_schema s ON s.name = d.name
       WHERE d.aggregate = 1 GROUP BY tbl ORDER BY bytes DESC`,
    )
    .all() as Array<{ tbl: string; bytes: number }>;
  const tables = sizes.map(({ tbl, bytes }) => ({
    table: tbl,
    bytes,
    rows: tbl.startsWith("sqlite_")
      ? 0
      : (db
          .prepare(`SELECT count(*) FROM "${tbl.replaceAll('"', '""')}"`)
          .pluck()
          .get() as number),
  }));
  const readings = db
    .prepare(
      "SELECT count(*) AS n, min(ts) AS oldest, max(ts) AS newest FROM messages WHERE kind = 'reading'",
    )
    .get() as { n: number; oldest: number | null; newest: number | null };
  // The last hour's rate, a day's worth: cheap on the ts index however big the store is.
  const lastHour = db
    .prepare("SELECT count(*) FROM messages WHERE ts >= ? AND kind = 'reading'")
    .pluck()
    .get(now - HOUR_MS) as number;
  const span = readings.oldest !== null && readings.newest !== null ? readings.newest - readings.oldest : 0;
  const perDay = span >= HOUR_MS ? lastHour * 24 : span > 0 ? (readings.n / span) * DAY_MS : 0;
  const messages = tables.find((t) => t.table === "messages");
  // A message's dedup key (edge/intake/message-keys.ts) comes and goes with it.
  const keyBytes = tables.find((t) => t.table === "message_keys")?.bytes ?? 0;
  const bytesEach = messages && messages.rows > 0 ? (messages.bytes + keyBytes) / messages.rows : 0;
  const rollups = tables.filter((t) => t.table.startsWith("rollups_"));
  const device = rollups.find((t) => t.table === "rollups_hourly");
  // Bytes of all rollup tables per device rollup row: the site rows come along with them.
  const perDeviceRow = device && device.rows > 0 ? rollups.reduce((n, t) => n + t.bytes, 0) / device.rows : 0;
  const lastTwoHours = db
    .prepare("SELECT count(*) FROM rollups_hourly WHERE hour >= ?")
    .pluck()
    .get(now - 2 * HOUR_MS) as number;
  const rollupBytesPerYear = (lastTwoHours / 2) * 24 * 365 * perDeviceRow;
  const rawBytes = perDay * rawReadingDays * bytesEach;
  const others = tables
    .filter((t) => t.table !== "messages" && t.table !== "message_keys")
    .reduce((n, t) => n + t.bytes, 0);
  const reducedBefore = rawReadingsBefore(db);
  let walBytes = 0;
  try {
    walBytes = statSync(`${path}-wal`).size;
  } catch {
    // no WAL file: the station is not running
  }
  return {
    file: { path, bytes: pages * pageSize, walBytes, pageSize, freeBytes: free * pageSize },
    tables,
    readings: {
      count: readings.n,
      oldestTs: readings.oldest,
      newestTs: readings.newest,
      reducedBefore: reducedBefore > 0 ? reducedBefore : null,
      perDay,
      bytesEach,
    },
    projection: {
      rawReadingDays,
      rawBytes,
      rollupBytesPerYear,
      totalBytes:
        others +
        (messages ? messages.bytes + keyBytes - readings.n * bytesEach : 0) +
        rawBytes +
        2 * rollupBytesPerYear,
    },
  };
}
