import type { Database } from "better-sqlite3";

/**
 * Queue a sink's refused records for another attempt (`uplink retry`): the running sink picks
 * them up within seconds, before new records. Returns how many were queued.
 */
export function queueRetries(db: Database, sink?: string): number {
  const result =
    sink === undefined
      ? db.prepare("UPDATE uplink_failures SET state = 'retry' WHERE state = 'failed'").run()
      : db
          .prepare("UPDATE uplink_failures SET state = 'retry' WHERE state = 'failed' AND sink = ?")
          .run(sink);
  return result.changes;
}

export interface FailureRow {
  sink: string;
  recordId: string;
  stream: string;
  kind: string;
  state: "failed" | "retry";
  reason: string;
  attempts: number;
  failedAt: number;
}

export function listFailures(db: Database, sink?: string, limit = 100): FailureRow[] {
  return db
    .prepare(
      `SELECT sink, record_id AS recordId, stream, kind, state, reason, attempts, failed_at AS failedAt
       FROM uplink_failures WHERE (? IS NULL OR sink = ?) ORDER BY id DESC LIMIT ?`,
    )
    .all(sink ?? null, sink ?? null, limit) as FailureRow[];
}
