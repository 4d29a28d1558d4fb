import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import { applyPragmas } from "../store/pragmas.js";

/**
 * The checkpoint thread (issue 16). A checkpoint copies the WAL's pages back into the database
 * file and fsyncs it: ~20 MiB at a time takes a few hundred milliseconds on a card. Run by the
 * intake writer after a commit it held that commit's PUBACKs, and the next weight, for that
 * long; here it runs beside the writer. PASSIVE never waits for or blocks readers or the writer
 * (sqlite.org/c3ref/wal_checkpoint_v2.html), and a page rewritten by many commits in an
 * interval (a device's index leaf, this hour's rollups) reaches the file once.
 */
const { dbPath, intervalMs } = workerData as { dbPath: string; intervalMs: number };
const db = new BetterSqlite3(dbPath);
applyPragmas(db);
db.pragma("wal_autocheckpoint = 0");
const port = parentPort;
if (!port) throw new Error("checkpoint-worker must run as a worker thread");

const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Retried at the next interval; until then the WAL only grows (the disk floor watches space).
  }
}, intervalMs);

port.on("message", (request: "close") => {
  if (request !== "close") return;
  clearInterval(timer);
  db.close();
  port.postMessage({ closed: true });
});
port.postMessage({ ready: true });
