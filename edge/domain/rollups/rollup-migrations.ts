import { type Migration, sqlMigration } from "../../store/migration.js";

/**
 * Rollup tables laid out for the way they are written (issue 16). Every commit updates the
 * current hour of every (device, metric); keyed device-first, those rows sit one per page
 * once a few days are stored, so a commit of 200 sensors × 5 metrics rewrote ~1000 pages.
 * Hour-first, the current hour's rows are neighbours and a commit touches a handful of pages.
 * Lookups by device keep their (device_id, hour) index.
 */
export const rollupMigrations: Migration[] = [
  sqlMigration(
    "rollups-001-hour-first",
    `
    CREATE TABLE rollups_hourly_new (
      device_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      hour INTEGER NOT NULL,
      count INTEGER NOT NULL,
      sum REAL NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      PRIMARY KEY (hour, device_id, metric)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO rollups_hourly_new SELECT device_id, metric, hour, count, sum, min, max FROM rollups_hourly;
    DROP TABLE rollups_hourly;
    ALTER TABLE rollups_hourly_new RENAME TO rollups_hourly;
    CREATE INDEX rollups_hourly_device_hour ON rollups_hourly (device_id, hour);
    `,
  ),
];
