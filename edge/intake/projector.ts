import type { Database } from "better-sqlite3";
import type { DeviceMessageKind } from "../../broker/topics.js";
import type { Logger } from "../core/logger.js";
import type { StationService } from "../core/station-service.js";
import { MESSAGE_ROW_COLUMNS, type MessageRow } from "../store/message-row.js";
import type { AcceptedMessage, Refusal } from "./decode.js";
import type { StoredFeed, StoredListener } from "./stored-feed.js";

/**
 * A projection turns stored device messages into domain records (an input-use record, a
 * package weighed into a batch, an incoming lot from a scan). It runs after the message is
 * committed, in its own transaction with its cursor, so a crash between the two is repaired
 * at start by replaying from the cursor. `apply` must therefore be idempotent per message id.
 */
export interface Projection {
  name: string;
  kinds: readonly DeviceMessageKind[];
  /** Return a refusal when the message is well-formed but makes no sense for the domain. */
  apply(db: Database, message: AcceptedMessage, messageId: number): Refusal | undefined;
}

export type ProjectionRefused = (message: AcceptedMessage, messageId: number, refusal: Refusal) => void;

/** Persist how far every projection has seen at most this many messages apart (see `apply`). */
const CURSOR_STRIDE = 10_000;

/**
 * Runs the projections: `start` catches up from the cursors and follows the commits of
 * `stored` (when given); `stop` persists the cursors. It stops after the group committer, so
 * the last commits before a clean stop are projected too.
 */
export class Projector implements StationService {
  readonly name = "projector";
  private readonly projections: Projection[] = [];
  private readonly follow: StoredListener = (message, id) => this.apply(message, id);
  /** Every stored message up to this id has been offered to every projection. */
  private seenUpTo = 0;
  private persistedUpTo = 0;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly onRefused: ProjectionRefused,
    private readonly stored?: StoredFeed,
  ) {}

  async start(): Promise<void> {
    this.catchUp();
    // First of the followers, as before any component started: the kiosk, the packing lines
    // and the alarms see a message with the records it derives already written.
    this.stored?.prependListener("stored", this.follow);
  }

  async stop(): Promise<void> {
    this.stored?.off("stored", this.follow);
    this.persistSeen();
  }

  register(projection: Projection): void {
    this.projections.push(projection);
    this.db
      .prepare(
        "INSERT INTO projection_cursors (name, last_message_id) VALUES (?, (SELECT coalesce(max(id), 0) FROM messages)) ON CONFLICT (name) DO NOTHING",
      )
      .run(projection.name);
  }

  /**
   * Apply one freshly stored message to every projection that wants its kind. Messages come in
   * id order (commit order), so a projection's cursor may also pass the messages it does not
   * want; that is written only every CURSOR_STRIDE messages, not per reading, and bounds what
   * a start after a crash replays.
   */
  apply(message: AcceptedMessage, messageId: number): void {
    for (const p of this.projections)
      if (p.kinds.includes(message.kind)) this.applyOne(p, message, messageId);
    if (messageId > this.seenUpTo) this.seenUpTo = messageId;
    if (this.seenUpTo - this.persistedUpTo >= CURSOR_STRIDE) this.persistSeen();
  }

  /** Move every cursor to what has been seen (also at a clean stop). */
  persistSeen(): void {
    if (this.seenUpTo <= this.persistedUpTo) return;
    const upTo = this.seenUpTo;
    this.db
      .transaction(() => {
        for (const p of this.projections) this.setCursor(p.name, upTo);
      })
      .immediate();
    this.persistedUpTo = upTo;
  }

  /** At start: apply what was stored but not yet projected when the station last stopped. */
  catchUp(): number {
    let replayed = 0;
    // No projection derives records from readings, the bulk of the log: the partial index
    // messages_records (core-003) then lists only the rest, so a start never walks the
    // millions of readings stored since a projection's last record.
    const wantsReadings = this.projections.some((p) => p.kinds.includes("reading"));
    const select = this.db.prepare(
      wantsReadings
        ? `SELECT ${MESSAGE_ROW_COLUMNS} FROM messages WHERE id > ? ORDER BY id LIMIT 1000`
        : `SELECT ${MESSAGE_ROW_COLUMNS} FROM messages INDEXED BY messages_records
           WHERE kind <> 'reading' AND id > ? ORDER BY id LIMIT 1000`,
    );
    for (const p of this.projections) {
      let cursor = this.cursor(p.name);
      for (;;) {
        const rows = select.all(cursor) as MessageRow<DeviceMessageKind>[];
        if (rows.length === 0) break;
        for (const row of rows) {
          cursor = row.id;
          if (!p.kinds.includes(row.kind)) continue;
          this.applyOne(p, toMessage(row), row.id);
          replayed++;
        }
        this.setCursor(p.name, cursor);
      }
    }
    if (replayed > 0) this.log.info({ replayed }, "projections caught up");
    return replayed;
  }

  private applyOne(p: Projection, message: AcceptedMessage, messageId: number): void {
    let refusal: Refusal | undefined;
    try {
      this.db
        .transaction(() => {
          if (this.cursor(p.name) >= messageId) return;
          refusal = p.apply(this.db, message, messageId);
          this.setCursor(p.name, messageId);
        })
        .immediate();
    } catch (err) {
      this.log.error(
        { projection: p.name, messageId, err },
        "projection failed; message kept, record not derived",
      );
      this.setCursor(p.name, messageId);
      return;
    }
    if (refusal) this.onRefused(message, messageId, refusal);
  }

  private cursor(name: string): number {
    const row = this.db.prepare("SELECT last_message_id FROM projection_cursors WHERE name = ?").get(name) as
      | { last_message_id: number }
      | undefined;
    return row?.last_message_id ?? 0;
  }

  private setCursor(name: string, id: number): void {
    this.db
      .prepare("UPDATE projection_cursors SET last_message_id = max(last_message_id, ?) WHERE name = ?")
      .run(id, name);
  }
}

function toMessage(row: MessageRow<DeviceMessageKind>): AcceptedMessage {
  return {
    deviceId: row.device_id,
    kind: row.kind,
    msgId: row.msg_id,
    ts: row.ts,
    receivedAt: row.received_at,
    payload: row.payload,
  };
}
