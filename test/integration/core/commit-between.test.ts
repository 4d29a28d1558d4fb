import BetterSqlite3, { type Database } from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../edge/core/logger.js";
import type { AcceptedMessage } from "../../../edge/intake/decode.js";
import { Projector } from "../../../edge/intake/projector.js";
import { databasePath, openDatabase } from "../../../edge/store/database.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * The writer thread commits on its own connection whenever a group is due, so it can commit
 * while a transaction of the main thread has read but not yet written. In WAL mode a deferred
 * transaction whose snapshot predates that commit cannot become a writer: SQLite answers
 * SQLITE_BUSY_SNAPSHOT at once, whatever busy_timeout says. Here a second connection commits
 * at exactly that moment, from inside the projection, as the writer thread would.
 */
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function store(): { db: Database; writer: Database } {
  const dir = tempDir("commit-between");
  const db = openDatabase(dir);
  db.exec("CREATE TABLE probe_records (message_id INTEGER PRIMARY KEY)");
  db.exec("CREATE TABLE probe_writer (n INTEGER)");
  // The writer thread's connection; no wait, so it commits only when nobody holds the lock.
  const writer = new BetterSqlite3(databasePath(dir));
  writer.pragma("busy_timeout = 0");
  cleanups.push(() => removeDir(dir));
  cleanups.push(() => db.close());
  cleanups.push(() => writer.close());
  return { db, writer };
}

const weight: AcceptedMessage = {
  deviceId: "scale-1",
  kind: "weight",
  msgId: "w1",
  ts: 1_700_000_000_000,
  receivedAt: 1_700_000_000_000,
  payload: '{"net":2.5,"unit":"kg","stable":true}',
};

describe("a commit of the writer thread between a main-thread transaction's read and write", () => {
  it("does not cost a projection its record", () => {
    const { db, writer } = store();
    let writerCommitted = false;
    const projector = new Projector(db, silentLogger(), () => {});
    projector.register({
      name: "probe",
      kinds: ["weight"],
      apply(tx, _message, messageId) {
        tx.prepare("SELECT count(*) FROM probe_records").get(); // a projection looks before it writes
        try {
          writer.prepare("INSERT INTO probe_writer VALUES (1)").run();
          writerCommitted = true;
        } catch {
          // The main thread holds the write lock: the writer waits for it (here: gives up).
        }
        tx.prepare("INSERT INTO probe_records VALUES (?)").run(messageId);
        return undefined;
      },
    });
    projector.apply(weight, 1);
    expect(db.prepare("SELECT message_id FROM probe_records").pluck().all()).toEqual([1]);
    expect(writerCommitted).toBe(false);
    // The writer's commit goes once the projection's transaction is over.
    writer.prepare("INSERT INTO probe_writer VALUES (2)").run();
  });
});
