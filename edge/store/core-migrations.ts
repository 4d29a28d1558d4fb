import { type Migration, sqlMigration } from "./migration.js";

/**
 * Core tables. `messages` is the append-only log of every accepted device message; its rowid
 * order is the order of intake, so uplink streams and projections read it by cursor instead of
 * copying each reading into the outbox.
 */
export const coreMigrations: Migration[] = [
  sqlMigration(
    "core-001-devices-messages",
    `
    CREATE TABLE devices (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('sensor','scale','sprayer','scanner','tester','printer')),
      site TEXT,
      secret_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER,
      online INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE messages (
      id INTEGER PRIMARY KEY,
      device_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      msg_id TEXT,
      ts INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      payload TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX messages_device_msg_id ON messages (device_id, msg_id) WHERE msg_id IS NOT NULL;
    CREATE INDEX messages_device_ts ON messages (device_id, ts);

    CREATE TABLE dead_letters (
      id INTEGER PRIMARY KEY,
      device_id TEXT,
      topic TEXT NOT NULL,
      code TEXT NOT NULL,
      reason TEXT NOT NULL,
      payload BLOB,
      payload_size INTEGER NOT NULL,
      received_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX dead_letters_device ON dead_letters (device_id, id);

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      stream TEXT NOT NULL,
      record_id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX outbox_stream ON outbox (stream, id);

    CREATE TABLE projection_cursors (
      name TEXT PRIMARY KEY,
      last_message_id INTEGER NOT NULL
    ) STRICT;
    `,
  ),
];
