import "./audit-codes.js";
import type { Database } from "better-sqlite3";
import { type AuditContent, auditHash } from "./audit-hash.js";

export interface AuditRow extends AuditContent {
  seq: number;
  prevHash: string | null;
  hash: string | null;
}

interface Row {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  kind: string;
  record_id: string;
  op: string;
  change: string;
  prev_hash: string | null;
  hash: string | null;
}

const toRow = (r: Row): AuditRow => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorRole: r.actor_role,
  kind: r.kind,
  recordId: r.record_id,
  op: r.op,
  change: r.change,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; seq: number; reason: string };

/** Reads of the audit trail, and the check that its chain is whole. */
export class AuditLog {
  constructor(private readonly db: Database) {}

  list(filter: { since?: number; actor?: string; limit?: number } = {}): AuditRow[] {
    return this.db
      .prepare<[number, string | null, string | null, number], Row>(
        `SELECT * FROM audit_log WHERE at >= ? AND (? IS NULL OR actor_name = ? ) ORDER BY seq LIMIT ?`,
      )
      .all(filter.since ?? 0, filter.actor ?? null, filter.actor ?? null, filter.limit ?? 1000)
      .map(toRow);
  }

  /**
   * Walks every row in order: each must name the hash of the row before it, hash to its own
   * hash, and follow it without a gap in sequence numbers (a deleted row); the last must be
   * the last number ever handed out (a deleted tail). Names the first row that fails.
   */
  verify(): VerifyResult {
    let prev = "";
    let expectedSeq = 1;
    let rows = 0;
    for (const raw of this.db.prepare<[], Row>("SELECT * FROM audit_log ORDER BY seq").iterate()) {
      const row = toRow(raw);
      rows += 1;
      if (row.seq !== expectedSeq) {
        return this.broken(rows, row.seq, `rows ${expectedSeq}–${row.seq - 1} are missing (deleted)`);
      }
      if (row.prevHash !== prev) {
        return this.broken(
          rows,
          row.seq,
          "its link to the row before does not match (row before edited or deleted)",
        );
      }
      if (row.hash !== auditHash(prev, row)) {
        return this.broken(rows, row.seq, "its content does not match its hash (edited)");
      }
      prev = row.hash;
      expectedSeq += 1;
    }
    const issued = this.db
      .prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
      .get();
    if (issued && issued.seq >= expectedSeq) {
      return this.broken(
        rows,
        expectedSeq,
        `rows ${expectedSeq}–${issued.seq} at the end are missing (deleted)`,
      );
    }
    return { ok: true, rows };
  }

  private broken(rows: number, seq: number, reason: string): VerifyResult {
    return { ok: false, rows, seq, reason };
  }
}
