import { type Migration, sqlMigration } from "./migration.js";

/**
 * What local retention has reduced (edge/store/reading-retention.ts): raw readings before
 * `raw_before` are gone, only their hourly rollups remain, so nothing may recompute rollups
 * of those hours from raw readings.
 */
export const retentionMigrations: Migration[] = [
  sqlMigration(
    "store-001-reading-retention",
    `
    CREATE TABLE store_retention (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      raw_before INTEGER NOT NULL,
      removed INTEGER NOT NULL,
      last_run_at INTEGER NOT NULL
    ) STRICT;
    `,
  ),
];
