import { type Migration, sqlMigration } from "./migration.js";

/**
 * Issue 16: hourly rollups and devices' last seen time are written every few seconds instead of
 * in every commit (edge/intake/derived-writes.ts). `derived_cursor` says up to which message
 * they are in the store, so a start after a SIGKILL gathers again only the messages after it.
 * Until now they were written with each message: everything stored is already in them.
 */
export const derivedMigrations: Migration[] = [
  sqlMigration(
    "derived-001-cursor",
    `
    CREATE TABLE derived_cursor (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      last_message_id INTEGER NOT NULL
    ) STRICT;
    INSERT INTO derived_cursor (id, last_message_id) VALUES (1, (SELECT coalesce(max(id), 0) FROM messages));
    `,
  ),
];
