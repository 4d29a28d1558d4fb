import "./store-codes.js";
import { join } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { registerAuditFunctions } from "../audit/audit-functions.js";
import { StationError } from "../core/station-error.js";
import { allMigrations } from "./all-migrations.js";
import { secureDatabaseFiles, secureDataDir } from "./file-modes.js";
import type { Migration } from "./migration.js";
import { applyPragmas, PAGE_SIZE } from "./pragmas.js";
import { snapshotBeforeMigrations } from "./snapshots.js";

export type { Database } from "better-sqlite3";
export { applyPragmas, PAGE_SIZE } from "./pragmas.js";

export const DATABASE_FILE = "station.db";

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

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
