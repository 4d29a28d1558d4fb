import type { Database } from "better-sqlite3";
import type { Logger } from "../core/logger.js";
import { enqueueOutbox } from "../store/outbox.js";
import type { RetentionConfig } from "./config-schema.js";

const CHUNK = 5000;
const HOUR_MS = 3_600_000;

export interface RetentionRun {
  dropped: number;
  rolledUp: number;
  rollupsWritten: number;
}

interface ReadingRow {
  id: number;
  device_id: string;
  ts: number;
  payload: string;
}

interface MetricSummary {
  min: number;
  max: number;
  sum: number;
  count: number;
}

/**
 * What happens to raw readings no sink has delivered after `maxAgeHours` of outage. Only
 * `reading` messages are ever reduced: inputs, tests, weights, scans and every outbox record
 * (batches, packages, certificates) are kept whatever the policy. "rollup" replaces the raw
 * rows of each device and hour by one summary record (min/max/mean/count per metric) queued
 * in the outbox; "drop" deletes them. Both count what they reduced. The newest message is never
 * deleted, so SQLite cannot hand its rowid to a new message that a sink's cursor already passed.
 */
export class RetentionPolicy {
  constructor(
    private readonly db: Database,
    private readonly config: RetentionConfig,
    private readonly station: string,
    private readonly log: Logger,
  ) {}

  /** Reduce readings above `undeliveredAfter` (the lowest messages cursor of all sinks). */
  run(now: number, undeliveredAfter: number): RetentionRun {
    const total: RetentionRun = { dropped: 0, rolledUp: 0, rollupsWritten: 0 };
    if (this.config.readings === "keep") return total;
    const cutoff = now - this.config.maxAgeHours * HOUR_MS;
    const select = this.db.prepare(
      `SELECT id, device_id, ts, payload FROM messages
       WHERE id > ? AND kind = 'reading' AND ts < ? AND id < (SELECT max(id) FROM messages)
       ORDER BY id LIMIT ?`,
    );
    const remove = this.db.prepare("DELETE FROM messages WHERE id = ?");
    const count = this.db.prepare(
      `INSERT INTO uplink_retention (kind, dropped, rolled_up, rollups_written, last_run_at) VALUES ('reading', ?, ?, ?, ?)
       ON CONFLICT (kind) DO UPDATE SET dropped = dropped + excluded.dropped, rolled_up = rolled_up + excluded.rolled_up,
         rollups_written = rollups_written + excluded.rollups_written, last_run_at = excluded.last_run_at`,
    );
    let after = undeliveredAfter;
    for (;;) {
      const rows = select.all(after, cutoff, CHUNK) as ReadingRow[];
      if (rows.length === 0) break;
      after = (rows[rows.length - 1] as ReadingRow).id;
      const chunk = this.db
        .transaction((): RetentionRun => {
          const run: RetentionRun = { dropped: 0, rolledUp: 0, rollupsWritten: 0 };
          if (this.config.readings === "rollup") {
            run.rollupsWritten = this.writeRollups(rows, now);
            run.rolledUp = rows.length;
          } else {
            run.dropped = rows.length;
          }
          for (const row of rows) remove.run(row.id);
          count.run(run.dropped, run.rolledUp, run.rollupsWritten, now);
          return run;
        })
        .immediate();
      total.dropped += chunk.dropped;
      total.rolledUp += chunk.rolledUp;
      total.rollupsWritten += chunk.rollupsWritten;
    }
    if (total.dropped + total.rolledUp > 0) {
      this.log.warn(
        { ...total, policy: this.config.readings },
        "undelivered raw readings reduced by retention",
      );
    } else {
      this.db
        .prepare(
          `INSERT INTO uplink_retention (kind, last_run_at) VALUES ('reading', ?)
           ON CONFLICT (kind) DO UPDATE SET last_run_at = excluded.last_run_at`,
        )
        .run(now);
    }
    return total;
  }

  private writeRollups(rows: ReadingRow[], now: number): number {
    const groups = new Map<
      string,
      { device: string; hour: number; firstId: number; metrics: Map<string, MetricSummary> }
    >();
    for (const row of rows) {
      const hour = Math.floor(row.ts / HOUR_MS) * HOUR_MS;
      const key = `${row.device_id}\u0000${hour}`;
      let group = groups.get(key);
      if (!group) {
        group = { device: row.device_id, hour, firstId: row.id, metrics: new Map() };
        groups.set(key, group);
      }
      const values = (JSON.parse(row.payload) as { values: Record<string, number> }).values;
      for (const [metric, value] of Object.entries(values)) {
        const m = group.metrics.get(metric);
        if (!m) group.metrics.set(metric, { min: value, max: value, sum: value, count: 1 });
        else {
          m.min = Math.min(m.min, value);
          m.max = Math.max(m.max, value);
          m.sum += value;
          m.count++;
        }
      }
    }
    for (const g of groups.values()) {
      const metrics = Object.fromEntries(
        [...g.metrics].map(([name, m]) => [
          name,
          { min: m.min, max: m.max, mean: m.sum / m.count, count: m.count },
        ]),
      );
      enqueueOutbox(
        this.db,
        {
          stream: `rollups:${g.device}`,
          recordId: `${this.station}:rollup:${g.device}:${g.hour}:${g.firstId}`,
          kind: "reading_rollup",
          payload: {
            device: g.device,
            hourStart: new Date(g.hour).toISOString(),
            hourEnd: new Date(g.hour + HOUR_MS).toISOString(),
            metrics,
          },
        },
        now,
      );
    }
    return groups.size;
  }
}
