import type { Database } from "better-sqlite3";
import { metricDefinition } from "../../intake/metric-registry.js";

export const HOUR_MS = 3_600_000;

export interface MetricSummary {
  siteId: string;
  metric: string;
  unit: string | null;
  min: number;
  mean: number;
  max: number;
  count: number;
  devices: string[];
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
  bucketMs: number;
  points: SeriesPoint[];
}

/**
 * Environment of a batch's sites over its window, read from hourly rollups only (never the raw
 * readings), so the cost depends on hours × metrics, not on how many readings were taken.
 * Hours are whole: a window is widened to the hours it touches.
 */
export class EnvironmentSummary {
  constructor(private readonly db: Database) {}

  summaries(siteIds: readonly string[], from: number, to: number): MetricSummary[] {
    if (siteIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT d.site AS siteId, r.metric, min(r.min) AS min, sum(r.sum) / sum(r.count) AS mean, max(r.max) AS max,
                sum(r.count) AS count, group_concat(DISTINCT r.device_id) AS devices
         FROM devices d JOIN rollups_hourly r ON r.device_id = d.id
         WHERE d.site IN (SELECT value FROM json_each(?)) AND r.hour BETWEEN ? AND ?
         GROUP BY d.site, r.metric ORDER BY d.site, r.metric`,
      )
      .all(JSON.stringify(siteIds), floorHour(from), to) as Array<
      Omit<MetricSummary, "devices" | "unit"> & { devices: string }
    >;
    return rows.map((r) => ({
      ...r,
      mean: round(r.mean),
      unit: metricDefinition(r.metric)?.unit ?? null,
      devices: r.devices.split(",").sort(),
    }));
  }

  /** At most `maxPoints` buckets per site and metric, each a whole number of hours. */
  series(siteIds: readonly string[], from: number, to: number, maxPoints = 240): MetricSeries[] {
    if (siteIds.length === 0) return [];
    const start = floorHour(from);
    const hours = Math.max(1, Math.ceil((to - start + 1) / HOUR_MS));
    const bucketMs = Math.ceil(hours / maxPoints) * HOUR_MS;
    const rows = this.db
      .prepare(
        `SELECT d.site AS siteId, r.metric, ? + ((r.hour - ?) / ?) * ? AS t,
                min(r.min) AS min, sum(r.sum) / sum(r.count) AS mean, max(r.max) AS max
         FROM devices d JOIN rollups_hourly r ON r.device_id = d.id
         WHERE d.site IN (SELECT value FROM json_each(?)) AND r.hour BETWEEN ? AND ?
         GROUP BY d.site, r.metric, t ORDER BY d.site, r.metric, t`,
      )
      .all(start, start, bucketMs, bucketMs, JSON.stringify(siteIds), start, to) as Array<
      SeriesPoint & { siteId: string; metric: string }
    >;
    const out = new Map<string, MetricSeries>();
    for (const r of rows) {
      const key = `${r.siteId}\u0000${r.metric}`;
      let s = out.get(key);
      if (!s) {
        s = { siteId: r.siteId, metric: r.metric, bucketMs, points: [] };
        out.set(key, s);
      }
      s.points.push({ t: r.t, min: r.min, mean: round(r.mean), max: r.max });
    }
    return [...out.values()];
  }
}

export function floorHour(ms: number): number {
  return ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
