import type { WriteHook } from "../../intake/write-group.js";

const HOUR_MS = 3_600_000;

interface Acc {
  key: string;
  metric: string;
  hour: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

function add(groups: Map<string, Acc>, key: string, metric: string, hour: number, value: number): void {
  const id = `${key}\u0000${metric}\u0000${hour}`;
  const acc = groups.get(id);
  if (acc) {
    acc.count++;
    acc.sum += value;
    if (value < acc.min) acc.min = value;
    if (value > acc.max) acc.max = value;
  } else {
    groups.set(id, { key, metric, hour, count: 1, sum: value, min: value, max: value });
  }
}

const UPSERT_SET = `count = count + excluded.count, sum = sum + excluded.sum,
  min = min(min, excluded.min), max = max(max, excluded.max)`;

/**
 * Hourly rollups (min, mean = sum/count, max, count) per device and per site, kept in the same
 * transaction as the readings they summarise, so a trace record never sees one without the
 * other. The site is where the device stands when it reports (devices.site), so moving a
 * sensor later does not rewrite a past batch's environment. A group is aggregated in memory
 * first and each (device|site, metric, hour) is upserted once: a group of 2000 readings from
 * 50 sensors costs ~100 upserts, not 2000.
 */
export const hourlyRollupHook: WriteHook = {
  name: "domain-hourly-rollups",
  prepare(db) {
    const upsertDevice = db.prepare(
      `INSERT INTO rollups_hourly (device_id, metric, hour, count, sum, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (device_id, metric, hour) DO UPDATE SET ${UPSERT_SET}`,
    );
    const upsertSite = db.prepare(
      `INSERT INTO rollups_site_hourly (site_id, metric, hour, count, sum, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, hour, metric) DO UPDATE SET ${UPSERT_SET}`,
    );
    const siteOf = db.prepare("SELECT site FROM devices WHERE id = ?").pluck();
    return (stored) => {
      const byDevice = new Map<string, Acc>();
      const bySite = new Map<string, Acc>();
      // Looked up once per device per group: the CLI may have placed a device since the last one.
      const sites = new Map<string, string | null>();
      for (const { m } of stored) {
        if (m.kind !== "reading" || !m.values) continue;
        let site = sites.get(m.deviceId);
        if (site === undefined) {
          site = (siteOf.get(m.deviceId) as string | null | undefined) ?? null;
          sites.set(m.deviceId, site);
        }
        const hour = m.ts - (((m.ts % HOUR_MS) + HOUR_MS) % HOUR_MS);
        for (const [metric, value] of m.values) {
          add(byDevice, m.deviceId, metric, hour, value);
          if (site !== null) add(bySite, site, metric, hour, value);
        }
      }
      for (const a of byDevice.values())
        upsertDevice.run(a.key, a.metric, a.hour, a.count, a.sum, a.min, a.max);
      for (const a of bySite.values()) upsertSite.run(a.key, a.metric, a.hour, a.count, a.sum, a.min, a.max);
    };
  },
};
