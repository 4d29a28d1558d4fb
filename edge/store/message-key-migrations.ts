import { type Migration, sqlMigration } from "./migration.js";

/**
 * The keys that make intake exactly-once (edge/intake/message-keys.ts), out of the messages
 * table. Measured with test/bench/write-pages.ts (200 sensors a commit, 1 KiB pages): the
 * unique index (device_id, msg_id) put each reading of a commit on another leaf page of its
 * device, with page splits, ~1,950 WAL bytes per reading, most of what a reading cost. The
 * newest keys are now checked in the writer's memory and folded into `message_keys` in bulk,
 * sorted, many to a page; `message_keys_merged` says up to which message they are folded, so
 * a start reloads only the keys after it.
 */
export const messageKeyMigrations: Migration[] = [
  sqlMigration(
    "keys-001-message-keys",
    `
    CREATE TABLE message_keys (
      device_id TEXT NOT NULL,
      msg_id TEXT NOT NULL,
      PRIMARY KEY (device_id, msg_id)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO message_keys (device_id, msg_id)
      SELECT device_id, msg_id FROM messages WHERE msg_id IS NOT NULL ORDER BY device_id, msg_id;
    CREATE TABLE message_keys_merged (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      last_message_id INTEGER NOT NULL
    ) STRICT;
    INSERT INTO message_keys_merged (id, last_message_id)
      VALUES (1, (SELECT coalesce(max(id), 0) FROM messages));
    DROP INDEX messages_device_msg_id;
    `,
  ),
];
