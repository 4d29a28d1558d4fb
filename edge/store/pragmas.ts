import type { Database } from "better-sqlite3";

/*
 * The settings of every connection, apart from opening and migrating the store
 * (database.ts): the writer thread needs only these, and importing database.ts would load
 * the whole migration graph into its heap.
 */

/**
 * Pragmas every connection uses. WAL lets the CLI read while the station writes;
 * synchronous=FULL makes a commit survive a power cut, which "acknowledged" promises.
 */
export function applyPragmas(db: Database): void {
  // Wait for the lock first: even setting WAL again needs it while the station is writing.
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  db.pragma("foreign_keys = ON");
}

/**
 * Page size, chosen by measurement (test/bench/write-pages.ts, 200 sensors a commit): the
 * dedup index (device_id, msg_id) takes each reading onto another page, so a commit writes
 * about one page per device. WAL bytes per reading: 4096 B pages 6.5 KB, 2048 B 4.0 KB,
 * 1024 B 2.7 KB. (That index is gone since keys-001, edge/intake/message-keys.ts: 0.94 KB at
 * 1024 B pages.) It can only be chosen before the first table exists (sqlite.org
 * pragma.html#pragma_page_size), so a new database gets it; an existing one keeps its own.
 */
export const PAGE_SIZE = 1024;
/**
 * Checkpoint after this many WAL pages (20 MiB at 1 KiB pages, ~40 s of a 200-sensor fleet)
 * instead of SQLite's 1000: a page rewritten by every commit (a device's index leaf, this
 * hour's rollups) then reaches the database file once per checkpoint, not once per commit.
 * The station's own checkpoints run on the writer thread every 30 s, between commits
 * (edge/intake/writer-worker.ts); this threshold is the safety net for other connections.
 * journal_size_limit gives the WAL's space back after a checkpoint.
 */
const WAL_AUTOCHECKPOINT_PAGES = 20_000;
const JOURNAL_SIZE_LIMIT = 32 * 2 ** 20;
