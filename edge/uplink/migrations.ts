import { type Migration, sqlMigration } from "../store/migration.js";

/**
 * Delivery state of the uplink. Device data is read from `messages` and domain records from
 * `outbox` by a cursor per sink and feed (rowid order is commit order, so order within every
 * stream follows); only what a receiver refused permanently is kept as a row of its own.
 */
export const uplinkMigrations: Migration[] = [
  sqlMigration(
    "uplink-001-delivery-state",
    `
    CREATE TABLE uplink_cursors (
      sink TEXT NOT NULL,
      feed TEXT NOT NULL CHECK (feed IN ('messages','outbox')),
      last_id INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (sink, feed)
    ) STRICT;

    CREATE TABLE uplink_failures (
      id INTEGER PRIMARY KEY,
      sink TEXT NOT NULL,
      feed TEXT NOT NULL CHECK (feed IN ('messages','outbox')),
      source_id INTEGER NOT NULL,
      record_id TEXT NOT NULL,
      stream TEXT NOT NULL,
      kind TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('failed','retry')),
      reason TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 1,
      failed_at INTEGER NOT NULL,
      UNIQUE (sink, feed, source_id)
    ) STRICT;
    CREATE INDEX uplink_failures_state ON uplink_failures (sink, state, id);

    CREATE TABLE uplink_sink_state (
      sink TEXT PRIMARY KEY,
      last_success_at INTEGER,
      last_error_at INTEGER,
      last_error TEXT
    ) STRICT;

    CREATE TABLE uplink_retention (
      kind TEXT PRIMARY KEY,
      dropped INTEGER NOT NULL DEFAULT 0,
      rolled_up INTEGER NOT NULL DEFAULT 0,
      rollups_written INTEGER NOT NULL DEFAULT 0,
      last_run_at INTEGER
    ) STRICT;
    `,
  ),
];
