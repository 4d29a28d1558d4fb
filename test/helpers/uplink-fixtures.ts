import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "../../edge/store/database.js";
import { enqueueOutbox } from "../../edge/store/outbox.js";

/** A real station database in a temp dir, for uplink tests. */
export function tempStationDb(): { db: Database; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "uplink-"));
  const db = openDatabase(dir);
  return {
    db,
    dir,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let batchNo = 0;

/** Insert device messages as the intake writer would (each call its own msgIds); returns their row ids. */
export function insertReadings(
  db: Database,
  deviceId: string,
  count: number,
  opts: { ts?: (i: number) => number; kind?: string } = {},
): number[] {
  const insert = db.prepare(
    "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const ids: number[] = [];
  const prefix = `b${++batchNo}-`;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const ts = opts.ts ? opts.ts(i) : Date.now();
      const msgId = `${prefix}${i}`;
      const payload = JSON.stringify({
        msgId,
        values: { air_temp: 20 + (i % 10), air_rh: 50 + (i % 7) },
      });
      ids.push(Number(insert.run(deviceId, opts.kind ?? "reading", msgId, ts, ts, payload).lastInsertRowid));
    }
  })();
  return ids;
}

export function insertDomainRecords(
  db: Database,
  stream: string,
  kind: string,
  count: number,
  prefix = kind,
): void {
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      enqueueOutbox(db, { stream, recordId: `${prefix}:${i}`, kind, payload: { n: i, lot: `LOT-${i}` } });
    }
  })();
}
