import "./store-codes.js";
import { join } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { registerAuditFunctions } from "../audit/audit-functions.js";
import { StationError } from "../core/station-error.js";
import { allMigrations } from "./all-migrations.js";
import { secureDatabaseFiles, secureDataDir } from "./file-modes.js";
import type { Migration } from "./migration.js";
import { snapshotBeforeMigrations } from "./snapshots.js";

export type { Database } from "better-sqlite3";

export const DATABASE_FILE = "station.db";

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

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
 * The station's own checkpoints run on a thread of their own every 30 s
 * (edge/intake/checkpoint-worker.ts); this threshold is the safety net for other connections.
 * journal_size_limit gives the WAL's space back after a checkpoint.
 */
const WAL_AUTOCHECKPOINT_PAGES = 20_000;
const JOURNAL_SIZE_LIMIT = 32 * 2 ** 20;

function applyLayout(db: Database): void {
  db.pragma(`page_size = ${PAGE_SIZE}`);
}

export interface OpenOptions {
  readonly?: boolean;
  migrations?: readonly Migration[];
}

/** Open (creating if needed) the station database and bring its schema up to date. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Database {
  let db: Database;
  try {
    secureDataDir(dataDir);
    if (!options.readonly) secureDatabaseFiles(databasePath(dataDir));
    db = new BetterSqlite3(databasePath(dataDir), { readonly: options.readonly ?? false });
    registerAuditFunctions(db);
    if (options.readonly) db.pragma("busy_timeout = 5000");
    else {
      db.pragma("busy_timeout = 5000");
      if (db.pragma("page_count", { simple: true }) === 0) applyLayout(db);
      applyPragmas(db);
    }
  } catch (err) {
    throw new StationError("STORE_OPEN_FAILED", `无法打开数据库 ${dataDir}: ${(err as Error).message}`, {
      dataDir,
    });
  }
  if (!options.readonly) {
    const migrations = options.migrations ?? allMigrations;
    try {
      snapshotBeforeMigrations(db, dataDir, migrations);
    } catch (err) {
      db.close();
      throw err;
    }
    migrate(db, migrations);
  }
  return db;
}

/**
 * Apply every pending migration in one transaction: all of them or none. The pending list is
 * read inside the write transaction, so the station and a CLI command starting together
 * cannot both apply the same step.
 */
export function migrate(db: Database, migrations: readonly Migration[]): string[] {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT",
  );
  const appliedIds = db.prepare("SELECT id FROM schema_migrations").pluck();
  const record = db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)");
  let done: string[] = [];
  try {
    db.transaction(() => {
      const applied = new Set(appliedIds.all().map((id) => String(id)));
      const pending = migrations.filter((m) => !applied.has(m.id));
      for (const m of pending) {
        m.up(db);
        record.run(m.id, Date.now());
      }
      done = pending.map((m) => m.id);
    }).immediate();
  } catch (err) {
    throw new StationError("STORE_MIGRATION_FAILED", `数据库迁移失败: ${(err as Error).message}`, {
      migrations: migrations.map((m) => m.id),
    });
  }
  return done;
}
