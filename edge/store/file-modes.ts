import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";

/** rwxr-x---: the service user and its group (technicians added to it) may read, nobody else. */
export const DATA_DIR_MODE = 0o750;
/** rw-r-----: the database holds operator names, device secret hashes and notes. */
export const DATA_FILE_MODE = 0o640;

/**
 * Whoever creates them (the service, the CLI run by a technician, a test) and whatever the
 * umask: the data directory ends up 0750 at most and the database files 0640 at most. Modes
 * are only ever tightened, so a stricter setup (0700, 0600) stays as it is.
 */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  tighten(dataDir, DATA_DIR_MODE);
}

/**
 * Create the database file with its mode before SQLite opens it: SQLite gives the -wal and
 * -shm files the database file's permissions (https://sqlite.org/tempfiles.html), so they
 * follow. Existing files of an older install are tightened too.
 */
export function secureDatabaseFiles(dbPath: string): void {
  if (!existsSync(dbPath)) closeSync(openSync(dbPath, "a", DATA_FILE_MODE));
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    if (existsSync(file)) tighten(file, DATA_FILE_MODE);
  }
}

function tighten(path: string, ceiling: number): void {
  const mode = statSync(path).mode & 0o777;
  const tightened = mode & ceiling;
  if (tightened === mode) return;
  try {
    chmodSync(path, tightened);
  } catch (err) {
    // Not ours (a group member running the CLI): the owner's next start tightens it.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") throw err;
  }
}
