import type { Database } from "better-sqlite3";
import type { FeedName } from "./pending-record.js";

/** What the ops metrics and `uplink status` show per sink. Times are epoch ms. */
export interface SinkStatus {
  name: string;
  type: "mqtt" | "https";
  /** Null when read from the database by the CLI (the running station knows). */
  connected: boolean | null;
  /** Records not yet delivered, plus failures queued for retry. */
  backlog: number;
  /** Age in ms of the oldest undelivered record; 0 with no backlog. */
  oldestAgeMs: number;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
  /** Records the receiver refused for good, kept with their reason. */
  failed: number;
  cursors: Readonly<Record<FeedName, number>>;
}

export interface RetentionCounts {
  /** Raw readings deleted undelivered (policy "drop"). */
  dropped: number;
  /** Raw readings replaced by hourly rollups (policy "rollup"). */
  rolledUp: number;
  /** Rollup records written in their place. */
  rollupsWritten: number;
  lastRunAt: number | null;
}

export interface UplinkStatus {
  sinks: SinkStatus[];
  retention: RetentionCounts;
}

export interface SinkFacts {
  name: string;
  type: "mqtt" | "https";
  connected: boolean | null;
  cursors: Readonly<Record<FeedName, number>>;
  lastSuccessAt: number | null;
  lastError: { at: number; message: string } | null;
}

/** Backlog figures of one sink from its cursors; rowid ranges keep the counts index-only. */
export function sinkStatus(db: Database, facts: SinkFacts, now: number): SinkStatus {
  const messagesCount = (
    db.prepare("SELECT count(*) AS n FROM messages WHERE id > ?").get(facts.cursors.messages) as { n: number }
  ).n;
  const messagesOldest =
    (
      db
        .prepare("SELECT received_at FROM messages WHERE id > ? ORDER BY id LIMIT 1")
        .get(facts.cursors.messages) as { received_at: number } | undefined
    )?.received_at ?? null;
  const outbox = db
    .prepare(
      "SELECT count(*) AS n, (SELECT created_at FROM outbox WHERE id > ? ORDER BY id LIMIT 1) AS oldest FROM outbox WHERE id > ?",
    )
    .get(facts.cursors.outbox, facts.cursors.outbox) as { n: number; oldest: number | null };
  const failures = db
    .prepare(
      `SELECT sum(state = 'failed') AS failed, sum(state = 'retry') AS retry FROM uplink_failures WHERE sink = ?`,
    )
    .get(facts.name) as { failed: number | null; retry: number | null };
  const oldest = [messagesOldest, outbox.oldest].filter((t): t is number => t !== null);
  return {
    name: facts.name,
    type: facts.type,
    connected: facts.connected,
    backlog: messagesCount + outbox.n + (failures.retry ?? 0),
    oldestAgeMs: oldest.length > 0 ? Math.max(0, now - Math.min(...oldest)) : 0,
    lastSuccessAt: facts.lastSuccessAt,
    lastErrorAt: facts.lastError?.at ?? null,
    lastError: facts.lastError?.message ?? null,
    failed: failures.failed ?? 0,
    cursors: facts.cursors,
  };
}

/** Facts of a sink as last persisted, for a process other than the running station. */
export function persistedFacts(db: Database, name: string, type: "mqtt" | "https"): SinkFacts {
  const cursors: Record<FeedName, number> = { messages: 0, outbox: 0 };
  const rows = db.prepare("SELECT feed, last_id FROM uplink_cursors WHERE sink = ?").all(name) as Array<{
    feed: FeedName;
    last_id: number;
  }>;
  for (const row of rows) cursors[row.feed] = row.last_id;
  const state = db
    .prepare("SELECT last_success_at, last_error_at, last_error FROM uplink_sink_state WHERE sink = ?")
    .get(name) as
    | { last_success_at: number | null; last_error_at: number | null; last_error: string | null }
    | undefined;
  return {
    name,
    type,
    connected: null,
    cursors,
    lastSuccessAt: state?.last_success_at ?? null,
    lastError:
      state?.last_error_at != null && state.last_error != null
        ? { at: state.last_error_at, message: state.last_error }
        : null,
  };
}

export function retentionCounts(db: Database): RetentionCounts {
  const row = db
    .prepare(
      "SELECT coalesce(sum(dropped), 0) AS dropped, coalesce(sum(rolled_up), 0) AS rolledUp, coalesce(sum(rollups_written), 0) AS rollupsWritten, max(last_run_at) AS lastRunAt FROM uplink_retention",
    )
    .get() as RetentionCounts;
  return row;
}
