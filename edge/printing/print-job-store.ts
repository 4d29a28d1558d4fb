import { Type } from "@sinclair/typebox";
import { nullable, oneOf, type RecordOf, rowMapping } from "../core/row-mapping.js";
import type { Database } from "../store/database.js";

export const JOB_KINDS = ["package", "certificate", "test"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ["queued", "sending", "done", "failed", "needs_confirmation"] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A row of `print_jobs` (printing-migrations.ts): the one declaration of a print job. */
export const PRINT_JOB_COLUMNS = rowMapping({
  id: Type.Integer(),
  printer: Type.String(),
  kind: oneOf(JOB_KINDS),
  ref: nullable(Type.String()),
  reprint: Type.Boolean(),
  /** The label content as JSON, frozen at enqueue time. */
  data: Type.String(),
  state: oneOf(JOB_STATES),
  reason_code: nullable(Type.String()),
  reason: nullable(Type.String()),
  attempts: Type.Integer(),
  requested_by: nullable(Type.String()),
  resolved_by: nullable(Type.String()),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
  sent_at: nullable(Type.Integer()),
  done_at: nullable(Type.Integer()),
});
export type PrintJob = RecordOf<typeof PRINT_JOB_COLUMNS>;

const SELECT_JOB = `SELECT ${PRINT_JOB_COLUMNS.columns} FROM print_jobs`;

export interface NewJob {
  printer: string;
  kind: JobKind;
  ref: string | null;
  reprint: boolean;
  data: unknown;
  requestedBy?: string;
}

/**
 * The print_jobs table. Every state change is committed (the database runs synchronous=FULL)
 * before the printer may act on it, so the row on disk always says what may have reached the
 * paper: a job is `sending` before its first byte leaves. A crash between that commit and the
 * first byte leaves a job the operator confirms (needs_confirmation), never one sent twice.
 */
export class PrintJobStore {
  constructor(private readonly db: Database) {}

  /**
   * A new job, `queued`; or already `sending` when `claimed`: the printer's worker in this
   * process is idle and sends it next, so the claim rides on the commit that creates the job
   * (with its package) instead of costing a commit of its own before the first byte.
   */
  insert(job: NewJob, now: number, claimed = false): PrintJob {
    const id = this.db
      .prepare(
        `INSERT INTO print_jobs (printer, kind, ref, reprint, data, state, attempts, sent_at, requested_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        job.printer,
        job.kind,
        job.ref,
        job.reprint ? 1 : 0,
        JSON.stringify(job.data),
        claimed ? "sending" : "queued",
        claimed ? 1 : 0,
        claimed ? now : null,
        job.requestedBy ?? null,
        now,
        now,
      ).lastInsertRowid;
    return this.require(Number(id));
  }

  get(id: number): PrintJob | undefined {
    return PRINT_JOB_COLUMNS.maybeRecord(this.db.prepare(`${SELECT_JOB} WHERE id = ?`).get(id));
  }

  require(id: number): PrintJob {
    const job = this.get(id);
    if (!job) throw new Error(`print job ${id} vanished`);
    return job;
  }

  /** The first print of a package or certificate, if one was ever queued. */
  firstPrint(kind: JobKind, ref: string): PrintJob | undefined {
    const row = this.db.prepare(`${SELECT_JOB} WHERE kind = ? AND ref = ? AND reprint = 0`).get(kind, ref);
    return PRINT_JOB_COLUMNS.maybeRecord(row);
  }

  nextQueued(printer: string): PrintJob | undefined {
    const row = this.db
      .prepare(`${SELECT_JOB} WHERE printer = ? AND state = 'queued' ORDER BY id LIMIT 1`)
      .get(printer);
    return PRINT_JOB_COLUMNS.maybeRecord(row);
  }

  list(filter: { state?: JobState; ref?: string; limit?: number } = {}): PrintJob[] {
    const rows = this.db
      .prepare(
        `${SELECT_JOB} WHERE (@state IS NULL OR state = @state) AND (@ref IS NULL OR ref = @ref)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ state: filter.state ?? null, ref: filter.ref ?? null, limit: filter.limit ?? 100 });
    return PRINT_JOB_COLUMNS.records(rows);
  }

  counts(printer: string): Record<JobState, number> {
    const counts: Record<JobState, number> = {
      queued: 0,
      sending: 0,
      done: 0,
      failed: 0,
      needs_confirmation: 0,
    };
    const rows = this.db
      .prepare("SELECT state, count(*) AS n FROM print_jobs WHERE printer = ? GROUP BY state")
      .all(printer) as { state: JobState; n: number }[];
    for (const r of rows) counts[r.state] = r.n;
    return counts;
  }

  /** queued → sending, only if still queued (a CLI and the station never both take a job). */
  claim(id: number, now: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE print_jobs SET state = 'sending', attempts = attempts + 1, sent_at = ?, updated_at = ?,
           reason_code = NULL, reason = NULL WHERE id = ? AND state = 'queued'`,
        )
        .run(now, now, id).changes === 1
    );
  }

  /**
   * A job claimed when it was made, which the printer then held back before any byte left
   * (paper out, unreachable), or which a stopping station never started: queued again, with
   * why it waits. Nothing of it was sent, so the attempt is not counted.
   */
  release(id: number, code: string | null, reason: string | null, now: number): void {
    this.db
      .prepare(
        `UPDATE print_jobs SET state = 'queued', attempts = attempts - 1, sent_at = NULL, reason_code = ?, reason = ?,
         updated_at = ? WHERE id = ? AND state = 'sending'`,
      )
      .run(code, reason, now, id);
  }

  /** Still queued, with why it waits (paper out, unreachable). */
  hold(id: number, code: string, reason: string, now: number): void {
    this.db
      .prepare(
        "UPDATE print_jobs SET reason_code = ?, reason = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
      )
      .run(code, reason, now, id);
  }

  finish(
    id: number,
    state: "done" | "failed" | "needs_confirmation",
    code: string | null,
    reason: string | null,
    now: number,
    by?: string,
  ): void {
    this.db
      .prepare(
        `UPDATE print_jobs SET state = ?, reason_code = ?, reason = ?, updated_at = ?,
         done_at = CASE WHEN ? = 'done' THEN ? ELSE done_at END, resolved_by = coalesce(?, resolved_by) WHERE id = ?`,
      )
      .run(state, code, reason, now, state, now, by ?? null, id);
  }

  /** Done, with what else must hold once the label is out (`settle`), in one commit. */
  finishDone(
    id: number,
    code: string | null,
    detail: string | null,
    now: number,
    settle: () => void,
    by?: string,
  ): void {
    this.db
      .transaction(() => {
        this.finish(id, "done", code, detail, now, by);
        settle();
      })
      .immediate();
  }

  /** Back to the queue on an operator's word (resend after checking the paper, or retry a failure). */
  requeue(id: number, by: string, now: number): void {
    this.db
      .prepare(
        "UPDATE print_jobs SET state = 'queued', reason_code = NULL, reason = NULL, resolved_by = ?, updated_at = ? WHERE id = ?",
      )
      .run(by, now, id);
  }

  /**
   * At start: a job left `sending` was cut off by a crash or power cut. Whether it reached the
   * paper is unknown, so it waits for an operator instead of being sent again.
   */
  recoverInterrupted(reason: string, now: number): number {
    return this.db
      .prepare(
        `UPDATE print_jobs SET state = 'needs_confirmation', reason_code = 'PRINT_INTERRUPTED', reason = ?, updated_at = ?
         WHERE state = 'sending'`,
      )
      .run(reason, now).changes;
  }
}
