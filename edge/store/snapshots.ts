import "../ops/ops-codes.js";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "better-sqlite3";
import { StationError } from "../core/station-error.js";
import type { Migration } from "./migration.js";

/** Copies of station.db taken before a migration or a restore, for rolling back. */
export function snapshotsDir(dataDir: string): string {
  return join(dataDir, "snapshots");
}

/** How many snapshots stay; older ones go when a new one is taken. */
export const KEEP_SNAPSHOTS = 5;

/**
 * A consistent copy of the open database, WAL content included, while others go on writing
 * (VACUUM INTO reads in one read transaction: https://sqlite.org/lang_vacuum.html#vacuuminto).
 */
export function snapshotInto(db: Database, file: string): void {
  db.prepare("VACUUM INTO ?").run(file);
}

/**
 * Before the first pending migration changes an existing store, keep a copy of it: an upgrade
 * that goes wrong, or a rollback to the previous release (whose code does not know the new
 * schema), restores this file with `trace-station restore`. A new, empty store needs none.
 * No snapshot, no migration: a failure here refuses to start rather than migrating unguarded.
 */
export function snapshotBeforeMigrations(
  db: Database,
  dataDir: string,
  migrations: readonly Migration[],
  now = new Date(),
): string | undefined {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!hasTable) return undefined;
  const applied = new Set(
    db
      .prepare("SELECT id FROM schema_migrations")
      .pluck()
      .all()
      .map((id) => String(id)),
  );
  if (applied.size === 0) return undefined;
  const pending = migrations.find((m) => !applied.has(m.id));
  if (!pending) return undefined;
  const file = snapshotFile(dataDir, now, `before-${pending.id}`);
  try {
    mkdirSync(snapshotsDir(dataDir), { recursive: true });
    snapshotInto(db, file);
  } catch (err) {
    rmSync(file, { force: true });
    throw new StationError(
      "OPS_SNAPSHOT_FAILED",
      `迁移前无法保存数据库快照 / no snapshot before migrating (${pending.id}): ${(err as Error).message}`,
      { file },
    );
  }
  pruneSnapshots(dataDir);
  return file;
}

/**
 * A snapshot path not yet taken: two snapshots within one second (a restore of an older
 * snapshot, migrated forward at once) get -2, -3 rather than failing on VACUUM INTO's
 * "output file already exists".
 */
export function snapshotFile(dataDir: string, now: Date, why: string): string {
  const base = join(snapshotsDir(dataDir), `station-${stamp(now)}-${why}`);
  let file = `${base}.db`;
  for (let n = 2; existsSync(file); n++) file = `${base}-${n}.db`;
  return file;
}

/** A file-name-safe UTC time, sortable: 20261201T231500Z. */
export function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

export function pruneSnapshots(dataDir: string, keep = KEEP_SNAPSHOTS): void {
  const dir = snapshotsDir(dataDir);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".db"))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at || b.f.localeCompare(a.f));
  for (const { f } of files.slice(keep)) rmSync(join(dir, f), { force: true });
}
