import "./ops-codes.js";
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { StationError } from "../core/station-error.js";

/** SQLite's files in WAL mode: each must be writable by whoever opens the store for writing. */
const STORE_FILES = ["station.db", "station.db-wal", "station.db-shm"];

/**
 * Before the store opens: the data directory and its database files are ours to write. Run as
 * root (a technician's `sudo trace-station ...`) on a directory another user owns, SQLite would
 * create root-owned -wal/-shm files the service can no longer write; run as the service user on
 * a root-owned station.db, every write fails. Both are refused here with the owner and the
 * chown that fixes it, instead of "attempt to write a readonly database" deep inside start.
 */
export function assertDataDirUsable(dataDir: string, uid = currentUid()): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new StationError(
      "OPS_DATA_DIR_NOT_WRITABLE",
      `数据目录不可写 / data directory not writable: ${dataDir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { dataDir, owner: ownerOf(dataDir) },
    );
  }
  for (const path of [dataDir, ...STORE_FILES.map((f) => join(dataDir, f))]) {
    const owner = ownerOf(path);
    if (owner === undefined || owner === uid) continue;
    const writable = canWrite(path);
    // Root can write anything, but files it creates would be foreign to the service.
    if (writable && uid !== 0) continue;
    throw new StationError(
      "OPS_DATA_FOREIGN_OWNED",
      `${path} 属于用户 ${owner}，当前用户为 ${uid} / is owned by uid ${owner}, running as uid ${uid}` +
        (writable ? "" : "（不可写 / not writable）"),
      { path, owner, uid },
    );
  }
}

function ownerOf(path: string): number | undefined {
  try {
    return statSync(path).uid;
  } catch {
    return undefined;
  }
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function currentUid(): number {
  return typeof process.geteuid === "function" ? process.geteuid() : userInfo().uid;
}
