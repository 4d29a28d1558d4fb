import "./ops-codes.js";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { StationError } from "../core/station-error.js";
import { allMigrations } from "../store/all-migrations.js";
import { DATABASE_FILE, databasePath, openDatabase } from "../store/database.js";
import { pruneSnapshots, snapshotFile, snapshotInto, snapshotsDir } from "../store/snapshots.js";
import { assertDataDirUsable } from "./data-dir-access.js";
import { processesHolding } from "./open-files.js";

export interface BackupResult {
  file: string;
  bytes: number;
  migrations: number;
}

/**
 * A consistent copy of station.db while the station runs: SQLite's online backup API
 * (https://sqlite.org/backup.html), all pages in one step, so the copy is one read transaction
 * and is not restarted by the station's commits. Written beside the target and renamed, so
 * `out` is never half a database; checked with integrity_check before it is called a backup.
 */
export async function backupStation(dataDir: string, out: string): Promise<BackupResult> {
  const source = databasePath(dataDir);
  const target = resolve(out);
  if (!existsSync(source)) {
    throw new StationError("OPS_BACKUP_FAILED", `没有数据库 / no database at ${source}`, { source });
  }
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    rmSync(partial, { force: true });
    throw new StationError("OPS_BACKUP_FAILED", `备份失败 / backup failed: ${(err as Error).message}`, {
      source,
      target,
    });
  } finally {
    db.close();
  }
  const migrations = checkStationDb(partial).length;
  fsyncFile(partial);
  renameSync(partial, target);
  fsyncFile(dirname(target));
  return { file: target, bytes: statSync(target).size, migrations };
}

export interface RestoreResult {
  restored: string;
  /** The store that was there before, kept for going back. */
  previous: string | undefined;
}

/**
 * Put a backup (or a snapshot) in place of station.db, with the station stopped. What was
 * there is first kept as a snapshot; the restored store is then migrated forward to this
 * release, as any start would.
 */
export function restoreStation(dataDir: string, from: string, now = new Date()): RestoreResult {
  const source = resolve(from);
  if (!existsSync(source)) {
    throw new StationError("OPS_RESTORE_INVALID", `文件不存在 / no such file: ${source}`, { source });
  }
  checkStationDb(source);
  assertDataDirUsable(dataDir);
  const live = databasePath(dataDir);
  const holders = processesHolding(live);
  if (holders.length > 0) {
    throw new StationError(
      "OPS_RESTORE_STATION_RUNNING",
      `${live} 正被进程 ${holders.join(", ")} 使用 / is open in process ${holders.join(", ")}`,
      { pids: holders },
    );
  }
  let previous: string | undefined;
  if (existsSync(live)) {
    previous = resolve(snapshotFile(dataDir, now, "before-restore"));
    const db = openDatabase(dataDir, { readonly: true });
    try {
      mkdirSync(snapshotsDir(dataDir), { recursive: true });
      snapshotInto(db, previous);
    } finally {
      db.close();
    }
  }
  const partial = `${live}.restore`;
  // Copy through SQLite, not the file system: the source may be a WAL-mode file with a -wal.
  const src = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    rmSync(partial, { force: true });
    snapshotInto(src, partial);
  } finally {
    src.close();
  }
  fsyncFile(partial);
  for (const suffix of ["-wal", "-shm"]) rmSync(`${live}${suffix}`, { force: true });
  renameSync(partial, live);
  fsyncFile(dataDir);
  // Forward to this release's schema, with its own snapshot if anything is pending.
  openDatabase(dataDir).close();
  pruneSnapshots(dataDir);
  return { restored: source, previous };
}

/** integrity_check and a migration list this release knows; the applied ids are returned. */
function checkStationDb(file: string): string[] {
  let db: InstanceType<typeof BetterSqlite3> | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`integrity_check: ${String(integrity)}`);
    const ids = db
      .prepare("SELECT id FROM schema_migrations ORDER BY id")
      .pluck()
      .all()
      .map((id) => String(id));
    const known = new Set(allMigrations.map((m) => m.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new Error(`来自更新的版本 / from a newer release (migrations ${unknown.join(", ")})`);
    }
    return ids;
  } catch (err) {
    throw new StationError(
      "OPS_RESTORE_INVALID",
      `${file} 不是可用的站点数据库 / is not a usable ${DATABASE_FILE}: ${(err as Error).message}`,
      { file },
    );
  } finally {
    db?.close();
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
