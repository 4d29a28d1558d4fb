import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { StationService } from "../core/station-service.js";
import type { Database } from "./database.js";
import type { StoreConfig } from "./store-config-schema.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows per transaction: the intake writer waits for the lock at most this long a step. */
const CHUNK = 2000;

export interface RetentionResult {
  /** Raw readings before this (epoch ms, a whole hour) are reduced to rollups. */
  rawBefore: number;
  removed: number;
}

/** The horizon retention has reached: raw readings before it are gone (0: none removed yet). */
export function rawReadingsBefore(db: Database): number {
  const row = db.prepare("SELECT raw_before FROM store_retention WHERE id = 1").pluck().get();
  return typeof row === "number" ? row : 0;
}

/**
 * Local retention (issue 16; DESIGN.md "Records"): raw `reading` messages older than
 * `rawReadingDays` are deleted once every uplink sink has delivered them; their hourly rollups
 * stay. Nothing else is touched: weights,
 * scans, inputs and tests stay as messages, and batches, packages, certificates, input and test
 * records, shipments and the audit trail live in their own tables (kept at least two years,
 * 2025 管理办法, and never removed automatically). Kept as well: the newest message (SQLite
 * would hand its rowid to the next message, behind a sink's cursor), each device's newest
 * message (the device overview shows it), readings a sink holds as failures, and readings the
 * writer has not written into the rollups yet (past derived_cursor, edge/intake/derived-writes.ts:
 * after a SIGKILL they are gathered again from the messages). The cutoff is a whole hour so
 * that hour's rollups are complete and rebuilds stop at it. Deleted pages go to
 * SQLite's freelist and the next readings reuse them, so the file stops growing at steady state.
 */
export class ReadingRetention implements StationService {
  readonly name = "retention";
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly config: StoreConfig,
    /** Highest message id every uplink sink has delivered (Infinity without sinks). */
    private readonly delivered: () => number,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    // Not at start: READY must not wait for a retention pass over a big store.
    this.schedule(Math.min(60_000, this.config.retentionCheckMinutes * 60_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  run(): RetentionResult {
    const now = this.clock.now();
    const cutoff = floorHour(now - this.config.rawReadingDays * DAY_MS);
    const delivered = this.delivered();
    const upTo = Number.isFinite(delivered) ? delivered : Number.MAX_SAFE_INTEGER;
    // messages_ts finds the old readings; the NOT IN lists are small (devices, failures).
    const remove = this.db.prepare(
      `DELETE FROM messages WHERE id IN (
         SELECT id FROM messages
         WHERE ts < @cutoff AND kind = 'reading' AND id <= @upTo
           AND id <= (SELECT last_message_id FROM derived_cursor WHERE id = 1)
           AND id < (SELECT max(id) FROM messages)
           AND id NOT IN (SELECT last_message_id FROM devices WHERE last_message_id IS NOT NULL)
           AND id NOT IN (SELECT source_id FROM uplink_failures WHERE feed = 'messages')
         LIMIT ${CHUNK})
       RETURNING device_id, msg_id`,
    );
    // The dedup keys of the readings removed go with them (edge/intake/message-keys.ts), or
    // message_keys would grow without end.
    const forgetKey = this.db.prepare("DELETE FROM message_keys WHERE device_id = ? AND msg_id = ?");
    const note = this.db.prepare(
      `INSERT INTO store_retention (id, raw_before, removed, last_run_at) VALUES (1, @cutoff, @removed, @now)
       ON CONFLICT (id) DO UPDATE SET raw_before = max(raw_before, excluded.raw_before),
         removed = removed + excluded.removed, last_run_at = excluded.last_run_at`,
    );
    let removed = 0;
    for (;;) {
      const step = this.db
        .transaction(() => {
          const gone = remove.raw().all({ cutoff, upTo }) as Array<[string, string | null]>;
          for (const [deviceId, msgId] of gone) if (msgId !== null) forgetKey.run(deviceId, msgId);
          const n = gone.length;
          // Once any reading before the cutoff is gone, its hours can no longer be recomputed.
          note.run({ cutoff: n > 0 ? cutoff : 0, removed: n, now });
          return n;
        })
        .immediate();
      removed += step;
      if (step < CHUNK) break;
    }
    if (removed > 0)
      this.log.info({ removed, before: new Date(cutoff).toISOString() }, "raw readings reduced to rollups");
    return { rawBefore: rawReadingsBefore(this.db), removed };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      try {
        this.run();
      } catch (err) {
        this.log.error({ err }, "retention run failed; readings kept, next try at the next interval");
      }
      this.schedule(this.config.retentionCheckMinutes * 60_000);
    }, ms);
    this.timer.unref?.();
  }
}

function floorHour(ms: number): number {
  return ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
}
