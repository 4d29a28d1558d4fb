import { type Migration, sqlMigration } from "../store/migration.js";

/**
 * Print jobs as durable rows (DESIGN.md "Printing"). AUTOINCREMENT so a job id is never handed
 * out twice, even after rows are pruned. `data` is the label content frozen when the job was
 * made: a reprint or a job resumed after a restart prints what was asked for. One first print
 * per package or certificate; every further print is a row with reprint = 1 (补打).
 */
export const printingMigrations: Migration[] = [
  sqlMigration(
    "printing-001-print-jobs",
    `
    CREATE TABLE print_jobs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      printer TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('package','certificate','test')),
      ref TEXT,
      reprint INTEGER NOT NULL DEFAULT 0 CHECK (reprint IN (0, 1)),
      data TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued','sending','done','failed','needs_confirmation')),
      reason_code TEXT,
      reason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      requested_by TEXT,
      resolved_by TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      sent_at INTEGER,
      done_at INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX print_jobs_first_print ON print_jobs (kind, ref) WHERE reprint = 0 AND ref IS NOT NULL;
    CREATE INDEX print_jobs_printer_state ON print_jobs (printer, state, id);
    CREATE INDEX print_jobs_ref ON print_jobs (ref, id);
    `,
  ),
];
