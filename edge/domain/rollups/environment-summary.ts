import type { Database } from "better-sqlite3";
import { metricDefinition } from "../../core/metric-registry.js";

export const HOUR_MS = 3_600_000;

export interface MetricSummary {
  siteId: string;
  metric: string;
  unit: string | null;
  min: number;
  mean: number;
  max: number;
  count: number;
}

export interface SeriesPoint {
  /** Start of the bucket, epoch ms. */
  t: number;
  min: number;
  mean: number;
  max: number;
}

export interface MetricSeries {
  siteId: string;
  metric: string;
  unit: string | null;
  bucketMs: number;
  points: SeriesPoint[];
}

interface BucketRow {
  siteId: string;
  metric: string;
  t: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/**
 * Environment of a batch's sites over its window, read from the per-site hourly rollups (never
 * the whole raw history), so the cost grows with sites × metrics × hours, not with how many
 * readings were taken. The writer puts the rollups in the store every few seconds
 * (edge/intake/derived-writes.ts); the readings after `derived_cursor`, those few seconds of
 * intake read by rowid, are added here, so a trace record is exact to the last commit and the
 * same whenever it is drawn. One query yields the chart buckets; the summaries are folded from
 * them. Hours are whole: a window is widened to the hours it touches.
 */
export class EnvironmentSummary {
  constructor(private readonly db: Database) {}

  /** Per-site, per-metric summaries and a series of at most `maxPoints` buckets (whole hours). */
  environment(
    siteIds: readonly string[],
    from: number,
    to: number,
    maxPoints = 240,
  ): { summaries: MetricSummary[]; series: MetricSeries[] } {
    if (siteIds.length === 0) return { summaries: [], series: [] };
    const start = floorHour(from);
    const hours = Math.max(1, Math.ceil((to - start + 1) / HOUR_MS));
    const bucketMs = Math.ceil(hours / maxPoints) * HOUR_MS;
    const sites = JSON.stringify(siteIds);
    const rows = this.db
      .prepare(
        `WITH pending AS (
           SELECT d.site AS site_id, v.key AS metric, m.ts - (m.ts % ${HOUR_MS}) AS hour,
                  count(*) AS count, sum(v.value) AS sum, min(v.value) AS min, max(v.value) AS max
           FROM messages m JOIN devices d ON d.id = m.device_id, json_each(m.payload, '$.values') v
           WHERE m.id > (SELECT coalesce((SELECT last_message_id FROM derived_cursor WHERE id = 1), 0))
             AND m.kind = 'reading' AND d.site IN (SELECT value FROM json_each(@sites))
           GROUP BY d.site, v.key, hour
         ), hours AS (
           SELECT site_id, metric, hour, count, sum, min, max FROM rollups_site_hourly
           WHERE site_id IN (SELECT value FROM json_each(@sites)) AND hour BETWEEN @start AND @to
           UNION ALL
           SELECT site_id, metric, hour, count, sum, min, max FROM pending WHERE hour BETWEEN @start AND @to
         )
         SELECT site_id AS siteId, metric, @start + ((hour - @start) / @bucketMs) * @bucketMs AS t,
                sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max
         FROM hours GROUP BY site_id, metric, t ORDER BY site_id, metric, t`,
      )
      .all({ sites, start, to, bucketMs }) as BucketRow[];
    const series = new Map<string, MetricSeries>();
    const totals = new Map<string, MetricSummary & { sum: number }>();
    for (const r of rows) {
      const key = `${r.siteId}\u0000${r.metric}`;
      let s = series.get(key);
      let total = totals.get(key);
      if (!s || !total) {
        const unit = metricDefinition(r.metric)?.unit ?? null;
        s = { siteId: r.siteId, metric: r.metric, unit, bucketMs, points: [] };
        total = {
          siteId: r.siteId,
          metric: r.metric,
          unit,
          min: r.min,
          mean: 0,
          max: r.max,
          count: 0,
          sum: 0,
        };
        series.set(key, s);
        totals.set(key, total);
      }
      s.points.push({ t: r.t, min: r.min, mean: round(r.sum / r.count), max: r.max });
      total.count += r.count;
      total.sum += r.sum;
      if (r.min < total.min) total.min = r.min;
      if (r.max > total.max) total.max = r.max;
    }
    const summaries = [...totals.values()].map(({ sum, ...t }) => ({ ...t, mean: round(sum / t.count) }));
    return { summaries, series: [...series.values()] };
  }

  summaries(siteIds: readonly string[], from: number, to: number): MetricSummary[] {
    return this.environment(siteIds, from, to).summaries;
  }
}

export function floorHour(ms: number): number {
  return ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
