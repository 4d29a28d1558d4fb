import type { Database, Statement } from "better-sqlite3";
import type { DeviceMessageKind } from "../../broker/topics.js";
import { MESSAGE_ROW_COLUMNS, type MessageRow } from "../store/message-row.js";
import type { AcceptedMessage } from "./decode.js";

/** A message of a group: stored under `id`, or already stored before (`id` 0, a resend). */
export interface GroupMessage {
  id: number;
  m: AcceptedMessage;
}

/**
 * Data derived from the messages (hourly rollups, a device's last seen time and newest message)
 * that the writer gathers in memory and writes every few seconds instead of in every commit.
 * Runs on the writer thread, so it gets plain data and prepares its own statements.
 */
export interface DerivedHook {
  name: string;
  prepare(db: Database): DerivedAccumulator;
}

export interface DerivedAccumulator {
  /** Messages of the open transaction, in intake order (resends too, with id 0). */
  add(messages: ReadonlyArray<GroupMessage>): void;
  /** Inside a write transaction: write everything added since the last write. */
  write(): void;
  /** Forget everything added: the transaction that was to write it rolled back. */
  clear(): void;
}

/**
 * How often the station writes derived data (issue 16, test/bench/write-pages.ts): the current
 * hour's rollups and the fleet's device rows are ~85 pages that every commit rewrote, ~435 B of
 * a reading's WAL at one commit a second. Every 5 s they cost 87 B, every 10 s 44 B, every 15 s
 * 30 B. A batch's environment and charts read the rollups at most this far behind; the device
 * overview adds the newer messages itself (edge/http/device-overview.ts); a start after a
 * SIGKILL gathers at most this much intake again.
 */
export const DERIVED_WRITE_MS = 10_000;

/** At start, what is past the cursor is gathered and written this many messages at a time. */
const REBUILD_CHUNK = 50_000;

const HOUR_MS = 3_600_000;

/**
 * Derived data written behind the messages (issue 16). `derived_cursor` says up to which
 * message everything derived is in the store; it is moved in the transaction that writes it,
 * so after a SIGKILL a start gathers again exactly the messages after it (at most a few
 * seconds of intake, read by rowid) and nothing is counted twice or lost. The writer is due
 * when the station clock (the receive time the messages carry, so tests with a moved clock see
 * it too) has moved `everyMs` past the last write or into another hour, where the last hour's
 * rollups become complete; 0 writes in every commit.
 */
export class DerivedWrites {
  private readonly accumulators: DerivedAccumulator[];
  private readonly moveCursor: Statement<[number]>;
  private readonly cursor: Statement<[]>;
  private readonly after: Statement<[number, number]>;
  /** Highest message id gathered in memory (or written). */
  private upTo = 0;
  private pending = false;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  /** Newest station time a group carried. */
  private lastAt = Number.NEGATIVE_INFINITY;
  /** The open transaction writes, at this station time. */
  private writingAt: number | null = null;
  /** A rollback threw away what memory held: gathered again from the store before the next group. */
  private stale = false;

  constructor(
    db: Database,
    hooks: readonly DerivedHook[],
    private readonly everyMs = 0,
  ) {
    this.accumulators = hooks.map((h) => h.prepare(db));
    this.cursor = db
      .prepare("SELECT coalesce((SELECT last_message_id FROM derived_cursor WHERE id = 1), 0)")
      .pluck();
    this.moveCursor = db.prepare(
      "UPDATE derived_cursor SET last_message_id = max(last_message_id, ?) WHERE id = 1",
    );
    this.after = db.prepare(`SELECT ${MESSAGE_ROW_COLUMNS} FROM messages WHERE id > ? ORDER BY id LIMIT ?`);
    db.transaction(() => this.gather())();
  }

  /** Something is gathered that the store does not have yet. */
  get hasPending(): boolean {
    return this.pending;
  }

  /** Inside the transaction, before its messages: after a rollback, memory is gathered again. */
  begin(): void {
    if (!this.stale) return;
    for (const a of this.accumulators) a.clear();
    this.pending = false;
    // The rolled-back ids are free again: SQLite hands them to the next messages, which the
    // cursor must not pass over before they are written.
    this.upTo = 0;
    this.gather();
    this.stale = false;
  }

  /** Inside the transaction, after its messages; `at` is the newest receive time of the group. */
  add(messages: ReadonlyArray<GroupMessage>, at: number): void {
    if (messages.length > 0) {
      for (const a of this.accumulators) a.add(messages);
      for (const { id } of messages) if (id > this.upTo) this.upTo = id;
      this.pending = true;
    }
    if (!Number.isFinite(at)) return;
    if (at > this.lastAt) this.lastAt = at;
    if (this.pending && this.due(at)) this.write(at);
  }

  /** Write everything now (the writer is idle or closing), in a transaction of the caller's. */
  writeAll(): void {
    this.write(this.lastAt);
  }

  private write(at: number): void {
    for (const a of this.accumulators) a.write();
    this.moveCursor.run(this.upTo);
    this.writingAt = at;
  }

  committed(): void {
    if (this.writingAt === null) return;
    this.lastWriteAt = this.writingAt;
    this.writingAt = null;
    this.pending = false;
  }

  rolledBack(): void {
    this.writingAt = null;
    this.stale = true;
  }

  private due(at: number): boolean {
    // A clock set back writes at once rather than waiting for it to catch up.
    if (this.everyMs === 0 || at < this.lastWriteAt || at - this.lastWriteAt >= this.everyMs) return true;
    return Math.floor(at / HOUR_MS) !== Math.floor(this.lastWriteAt / HOUR_MS);
  }

  /**
   * Gather the messages after the cursor (at start, or after a rollback). A writer never
   * leaves more than a few seconds behind it; more (messages stored by something else, a store
   * filled by a tool) are written as they are gathered, a chunk at a time, so memory holds at
   * most one chunk.
   */
  private gather(): void {
    let last = Number(this.cursor.get());
    if (last > this.upTo) this.upTo = last;
    for (;;) {
      const rows = this.after.all(last, REBUILD_CHUNK) as MessageRow[];
      if (rows.length === 0) return;
      for (const a of this.accumulators) a.add(rows.map(fromRow));
      last = (rows[rows.length - 1] as MessageRow).id;
      this.upTo = Math.max(this.upTo, last);
      this.pending = true;
      if (rows.length < REBUILD_CHUNK) return;
      for (const a of this.accumulators) a.write();
      this.moveCursor.run(this.upTo);
      this.pending = false;
    }
  }
}

/**
 * A stored message as the writer had it: the values of a reading are its payload's, which
 * decode.ts checked before it was stored. A payload that is not a reading's (a row some tool
 * wrote) gives no values.
 */
function fromRow(row: MessageRow): GroupMessage {
  const m: AcceptedMessage = {
    deviceId: row.device_id,
    kind: row.kind as DeviceMessageKind,
    msgId: row.msg_id,
    ts: row.ts,
    receivedAt: row.received_at,
    payload: row.payload,
  };
  if (row.kind === "reading") m.values = readingValues(row.payload);
  return { id: row.id, m };
}

function readingValues(payload: string): Array<[string, number]> {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return [];
  }
  const values = (body as { values?: unknown } | null)?.values;
  if (typeof values !== "object" || values === null) return [];
  return Object.entries(values).filter((e): e is [string, number] => typeof e[1] === "number");
}
