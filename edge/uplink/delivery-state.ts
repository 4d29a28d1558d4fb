import type { Database, Statement } from "better-sqlite3";
import { MESSAGE_ROW_COLUMNS, type MessageRow } from "../store/message-row.js";
import { FEEDS, type FeedName, type PendingRecord } from "./pending-record.js";
import { deviceStream, messageRecordId } from "./record-format.js";
import type { UplinkFormat } from "./record-formats.js";
import {
  CURSOR_COLUMNS,
  OUTBOX_COLUMNS,
  type OutboxRow,
  RETRY_COLUMNS,
  SINK_STATE_COLUMNS,
} from "./uplink-rows.js";

/**
 * What one sink has delivered, persisted in SQLite: a cursor per feed (everything at or below
 * it is delivered or kept as a failure), the failures a receiver refused, and the last
 * success and error. Cursors move in memory on every acknowledgement and reach the disk on
 * `flush`; a crash in between only means some records are sent again, which ids make harmless.
 */
export class DeliveryState {
  private readonly cursors: Record<FeedName, number> = { messages: 0, outbox: 0 };
  private dirty = false;
  private lastSuccessAt: number | null = null;
  private lastError: { at: number; message: string } | null = null;
  private readonly stmts: {
    readMessages: Statement;
    readOutbox: Statement;
    messageById: Statement;
    outboxById: Statement;
    saveCursor: Statement;
    saveSinkState: Statement;
    insertFailure: Statement;
    retries: Statement;
    deleteFailure: Statement;
  };

  constructor(
    private readonly db: Database,
    readonly sink: string,
    private readonly station: string,
    readonly format: UplinkFormat,
  ) {
    const cursors = db
      .prepare(`SELECT ${CURSOR_COLUMNS.columns} FROM uplink_cursors WHERE sink = ?`)
      .all(sink);
    for (const { feed, lastId } of CURSOR_COLUMNS.records(cursors)) this.cursors[feed] = lastId;
    const state = SINK_STATE_COLUMNS.maybeRecord(
      db.prepare(`SELECT ${SINK_STATE_COLUMNS.columns} FROM uplink_sink_state WHERE sink = ?`).get(sink),
    );
    if (state) {
      this.lastSuccessAt = state.lastSuccessAt;
      if (state.lastErrorAt !== null && state.lastError !== null) {
        this.lastError = { at: state.lastErrorAt, message: state.lastError };
      }
    }
    this.stmts = {
      readMessages: db.prepare(
        `SELECT ${MESSAGE_ROW_COLUMNS} FROM messages WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      readOutbox: db.prepare(`SELECT ${OUTBOX_COLUMNS.columns} FROM outbox WHERE id > ? ORDER BY id LIMIT ?`),
      messageById: db.prepare(`SELECT ${MESSAGE_ROW_COLUMNS} FROM messages WHERE id = ?`),
      outboxById: db.prepare(`SELECT ${OUTBOX_COLUMNS.columns} FROM outbox WHERE id = ?`),
      saveCursor: db.prepare(
        `INSERT INTO uplink_cursors (sink, feed, last_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (sink, feed) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at`,
      ),
      saveSinkState: db.prepare(
        `INSERT INTO uplink_sink_state (sink, last_success_at, last_error_at, last_error) VALUES (?, ?, ?, ?)
         ON CONFLICT (sink) DO UPDATE SET last_success_at = excluded.last_success_at,
           last_error_at = excluded.last_error_at, last_error = excluded.last_error`,
      ),
      insertFailure: db.prepare(
        `INSERT INTO uplink_failures (sink, feed, source_id, record_id, stream, kind, state, reason, failed_at)
         VALUES (?, ?, ?, ?, ?, ?, 'failed', ?, ?)
         ON CONFLICT (sink, feed, source_id) DO UPDATE SET state = 'failed', reason = excluded.reason,
           attempts = attempts + 1, failed_at = excluded.failed_at`,
      ),
      retries: db.prepare(
        `SELECT ${RETRY_COLUMNS.columns} FROM uplink_failures WHERE sink = ? AND state = 'retry' ORDER BY id LIMIT ?`,
      ),
      deleteFailure: db.prepare("DELETE FROM uplink_failures WHERE id = ?"),
    };
  }

  cursor(feed: FeedName): number {
    return this.cursors[feed];
  }

  get cursorsSnapshot(): Readonly<Record<FeedName, number>> {
    return { ...this.cursors };
  }

  /** Records of a feed after `afterId`, in rowid (commit) order. */
  read(feed: FeedName, afterId: number, limit: number): PendingRecord[] {
    if (feed === "messages") {
      const rows = this.stmts.readMessages.all(afterId, limit) as MessageRow[];
      return rows.map((row) => this.fromMessage(row, null));
    }
    const rows = this.stmts.readOutbox.all(afterId, limit) as OutboxRow[];
    return rows.map((row) => this.fromOutbox(row, null));
  }

  /** Failures an operator asked to retry; a failure whose source row is gone is dropped. */
  readRetries(limit: number): PendingRecord[] {
    const rows = RETRY_COLUMNS.records(this.stmts.retries.all(this.sink, limit));
    const out: PendingRecord[] = [];
    for (const row of rows) {
      const source =
        row.feed === "messages"
          ? (this.stmts.messageById.get(row.sourceId) as MessageRow | undefined)
          : (this.stmts.outboxById.get(row.sourceId) as OutboxRow | undefined);
      if (!source) {
        this.stmts.deleteFailure.run(row.id);
        continue;
      }
      out.push(
        row.feed === "messages"
          ? this.fromMessage(source as MessageRow, row.id)
          : this.fromOutbox(source as OutboxRow, row.id),
      );
    }
    return out;
  }

  advance(feed: FeedName, id: number): void {
    if (id > this.cursors[feed]) {
      this.cursors[feed] = id;
      this.dirty = true;
    }
  }

  /** A receiver refused the record for good: keep it with its reason, out of the stream. */
  fail(record: PendingRecord, reason: string, now: number): void {
    this.stmts.insertFailure.run(
      this.sink,
      record.feed,
      record.sourceId,
      record.recordId,
      record.stream,
      record.kind,
      reason,
      now,
    );
  }

  retried(record: PendingRecord): void {
    if (record.failureId !== null) this.stmts.deleteFailure.run(record.failureId);
  }

  noteSuccess(now: number): void {
    this.lastSuccessAt = now;
    this.dirty = true;
  }

  noteError(now: number, message: string): void {
    this.lastError = { at: now, message };
    this.dirty = true;
  }

  get lastSuccess(): number | null {
    return this.lastSuccessAt;
  }

  get lastFailure(): { at: number; message: string } | null {
    return this.lastError;
  }

  /** Persist cursors and the last success/error in one transaction. */
  flush(now: number): void {
    if (!this.dirty) return;
    this.db
      .transaction(() => {
        for (const feed of FEEDS) this.stmts.saveCursor.run(this.sink, feed, this.cursors[feed], now);
        this.stmts.saveSinkState.run(
          this.sink,
          this.lastSuccessAt,
          this.lastError?.at ?? null,
          this.lastError?.message ?? null,
        );
      })
      .immediate();
    this.dirty = false;
  }

  private fromMessage(row: MessageRow, failureId: number | null): PendingRecord {
    return {
      feed: "messages",
      sourceId: row.id,
      recordId: messageRecordId(this.station, row.id),
      stream: deviceStream(row.device_id),
      kind: row.kind,
      device: row.device_id,
      body: this.format.message(row),
      storedAt: row.received_at,
      failureId,
    };
  }

  private fromOutbox(row: OutboxRow, failureId: number | null): PendingRecord {
    return {
      feed: "outbox",
      sourceId: row.id,
      recordId: row.record_id,
      stream: row.stream,
      kind: row.kind,
      device: null,
      body: this.format.outbox(row),
      storedAt: row.created_at,
      failureId,
    };
  }
}
