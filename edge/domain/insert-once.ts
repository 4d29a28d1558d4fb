import type { Database } from "better-sqlite3";
import { enqueueOutbox, type OutboxEntry } from "../store/outbox.js";

export interface InsertOnce {
  /** Table holding a `message_id` column; a constant from the repository, never user input. */
  table: string;
  /** The stored device message the record comes from, if any. */
  messageId: number | null | undefined;
  /** Write the row (inside the transaction) and return its id. */
  insert: () => number;
  /** The outbox entry for the new row, built after the insert so it can read the row back. */
  outbox: (id: number) => OutboxEntry;
  now: number;
}

/**
 * Write one record and its outbox entry in one IMMEDIATE transaction (DESIGN.md "Records":
 * a record exists on disk if and only if its outbox entry does). A record derived from a
 * device message is written at most once per message id, so a projector replay returns the
 * existing row instead of a second one; `created` tells the caller whether to emit its event.
 */
export function insertOnce(db: Database, spec: InsertOnce): { id: number; created: boolean } {
  return db
    .transaction((): { id: number; created: boolean } => {
      if (spec.messageId != null) {
        const existing = db
          .prepare(`SELECT id FROM ${spec.table} WHERE message_id = ?`)
          .get(spec.messageId) as { id: number } | undefined;
        if (existing) return { id: existing.id, created: false };
      }
      const id = spec.insert();
      enqueueOutbox(db, spec.outbox(id), spec.now);
      return { id, created: true };
    })
    .immediate();
}
