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
 * Environment of a batch's sites over its window, read from the per-site hourly rollups only
 * (never the raw readings), so the cost grows with sites × metrics × hours, not with how many
 * readings were taken. One query yields the chart buckets; the summaries are folded from them.
 * Hours are whole: a window is widened to the hours it touches.
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
    const rows = this.db
      .prepare(
        `SELECT r.site_id AS siteId, r.metric, ? + ((r.hour - ?) / ?) * ? AS t,
                sum(r.count) AS count, sum(r.sum) AS sum, min(r.min) AS min, max(r.max) AS max
         FROM rollups_site_hourly r
         WHERE r.site_id IN (SELECT value FROM json_each(?)) AND r.hour BETWEEN ? AND ?
         GROUP BY r.site_id, r.metric, t ORDER BY r.site_id, r.metric, t`,
      )
      .all(start, start, bucketMs, bucketMs, JSON.stringify(siteIds), start, to) as BucketRow[];
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
