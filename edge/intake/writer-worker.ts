import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import { applyPragmas } from "../store/pragmas.js";
import { prepareGroupWriter } from "./write-group.js";
import { writeHooks } from "./write-hooks.js";
import type { WriteItem } from "./write-item.js";

/**
 * The intake writer thread. It owns one connection and commits each group it is sent, so the
 * broker's thread never waits on an fsync. Replies carry the sequence number of the request.
 */
interface Request {
  seq: number;
  items: WriteItem[];
}

const { dbPath, derivedEveryMs, checkpointEveryMs } = workerData as {
  dbPath: string;
  derivedEveryMs: number;
  checkpointEveryMs: number;
};
const db = new BetterSqlite3(dbPath);
applyPragmas(db);
// Checkpoints run on a timer between commits (below), never inside one.
db.pragma("wal_autocheckpoint = 0");
const writeGroup = prepareGroupWriter(db, writeHooks, { derivedEveryMs });
const port = parentPort;
if (!port) throw new Error("writer-worker must run as a worker thread");

// Under load a commit that finds the interval passed writes the derived data in it; when
// the messages stop, this writes what the last commits gathered, an interval after them.
let idle: NodeJS.Timeout | undefined;
const idleMs = Math.max(derivedEveryMs, 1);
const writeDerived = () => {
  idle = undefined;
  try {
    writeGroup.writeDerived();
  } catch {
    // Gathered again from the store (derived-writes.ts); tried again an interval later, or
    // written by the next commit.
    if (writeGroup.derivedPending) idle = setTimeout(writeDerived, idleMs);
  }
};

// What a SIGKILL left gathered but unwritten is in the store before the station is READY.
writeDerived();

/**
 * A checkpoint copies the WAL's pages back into the database file and fsyncs it; a page that
 * many commits rewrote in an interval (an index leaf, a device row) reaches the file once.
 * It runs here, between two commits, rather than on a thread of its own: a thread is ~8 MiB
 * of RSS (a V8 isolate), and on an SD card a checkpoint beside the writer competes for the
 * same card anyway, so a commit behind it waited then too. At a 200-sensor fleet an interval
 * is ~1,800 pages. PASSIVE never waits for readers (sqlite.org/c3ref/wal_checkpoint_v2.html).
 */
const checkpoints = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Retried at the next interval; until then the WAL only grows (the disk floor watches space).
  }
}, checkpointEveryMs);

port.on("message", (request: Request | "close") => {
  if (request === "close") {
    clearInterval(checkpoints);
    if (idle) clearTimeout(idle);
    writeDerived();
    if (idle) clearTimeout(idle);
    db.close();
    port.postMessage({ closed: true });
    return;
  }
  try {
    const results = writeGroup(request.items);
    port.postMessage({ seq: request.seq, results });
  } catch (err) {
    const e = err as Error & { code?: string };
    port.postMessage({ seq: request.seq, error: { message: e.message, sqliteCode: e.code ?? null } });
  }
  if (idle) clearTimeout(idle);
  if (writeGroup.derivedPending) idle = setTimeout(writeDerived, idleMs);
});
port.postMessage({ ready: true });
