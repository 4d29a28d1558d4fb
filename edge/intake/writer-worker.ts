import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import { applyPragmas } from "../store/database.js";
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

const { dbPath } = workerData as { dbPath: string };
const db = new BetterSqlite3(dbPath);
applyPragmas(db);
// Checkpoints run on their own thread (checkpoint-worker.ts), never after a commit here.
db.pragma("wal_autocheckpoint = 0");
const writeGroup = prepareGroupWriter(db, writeHooks);
const port = parentPort;
if (!port) throw new Error("writer-worker must run as a worker thread");

port.on("message", (request: Request | "close") => {
  if (request === "close") {
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
});
port.postMessage({ ready: true });
