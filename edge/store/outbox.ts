import type { Database } from "better-sqlite3";

/**
 * A record bound upward. Call `enqueueOutbox` inside the same transaction that writes the
 * record itself, so a record exists on disk if and only if its outbox entry does.
 */
export interface OutboxEntry {
  /** Order is kept within a stream, e.g. "batches" or "inputs:site-3". */
  stream: string;
  /** Stable id the receiver de-duplicates on, e.g. "batch:ST01-260501-0001-K". */
  recordId: string;
  kind: string;
  payload: unknown;
}

export function enqueueOutbox(db: Database, entry: OutboxEntry, now = Date.now()): void {
  db.prepare(
    "INSERT INTO outbox (stream, record_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (record_id) DO NOTHING",
  ).run(entry.stream, entry.recordId, entry.kind, JSON.stringify(entry.payload), now);
}
