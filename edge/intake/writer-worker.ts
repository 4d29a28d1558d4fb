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

const { dbPath, derivedEveryMs } = workerData as { dbPath: string; derivedEveryMs: number };
const db = new BetterSqlite3(dbPath);
applyPragmas(db);
// Checkpoints run on their own thread (checkpoint-worker.ts), never after a commit here.
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

port.on("message", (request: Request | "close") => {
  if (request === "close") {
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
