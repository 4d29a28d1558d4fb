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
  sqlMigration(
    "core-002-write-light-indexes",
    `
    -- Issue 16, measured with test/bench/write-pages.ts: (device_id, ts) put each reading of a
    -- 200-sensor commit on a different index page, ~4.8 KB written per reading. A device's
    -- newest message is now kept on its row (written in the UPDATE that already sets
    -- last_seen_at), and time ranges use an index on ts alone, where a commit appends at the
    -- right edge of the tree.
    ALTER TABLE devices ADD COLUMN last_message_id INTEGER;
    ALTER TABLE devices ADD COLUMN last_message_ts INTEGER;
    UPDATE devices SET (last_message_id, last_message_ts) = (
      SELECT id, ts FROM messages WHERE device_id = devices.id ORDER BY ts DESC, id DESC LIMIT 1);
    DROP INDEX messages_device_ts;
    CREATE INDEX messages_ts ON messages (ts);
    `,
  ),
  sqlMigration(
    "core-003-records-index",
    `
    -- Issue 16: the messages that projections derive records from (weights, scans, inputs,
    -- tests), without the readings, so a start replays them without walking every reading.
    -- Partial: a reading costs this index nothing.
    CREATE INDEX messages_records ON messages (id) WHERE kind <> 'reading';
    `,
  ),
  sqlMigration(
    "core-004-credential-epoch",
    `
    -- Issue 16: the broker ends the sessions of a device removed or reset by the CLI in another
    -- process by polling. Comparing every connected device's secret hash four times a second
    -- was an eighth of what the station allocated under a 200-sensor fleet; these triggers
    -- count the changes, so the poll reads one number and compares hashes only after a change.
    CREATE TABLE credential_epoch (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      n INTEGER NOT NULL
    ) STRICT;
    INSERT INTO credential_epoch (id, n) VALUES (1, 0);
    CREATE TRIGGER credential_epoch_reset AFTER UPDATE OF secret_hash ON devices
      WHEN OLD.secret_hash IS NOT NEW.secret_hash
      BEGIN UPDATE credential_epoch SET n = n + 1 WHERE id = 1; END;
    CREATE TRIGGER credential_epoch_remove AFTER DELETE ON devices
      BEGIN UPDATE credential_epoch SET n = n + 1 WHERE id = 1; END;
    `,
  ),
];
