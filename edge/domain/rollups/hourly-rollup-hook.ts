import type { DerivedHook } from "../../intake/derived-writes.js";

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
 * Hourly rollups (min, mean = sum/count, max, count) per device and per site. The site is
 * where the device stands when it reports (devices.site), so moving a sensor later does not
 * rewrite a past batch's environment. Readings are aggregated in memory and each
 * (device|site, metric, hour) is upserted once per derived write (edge/intake/derived-writes.ts,
 * every few seconds): the current hour's ~1000 rows of a 200-sensor fleet are ~55 pages,
 * which every commit rewrote (issue 16). A batch's environment adds the readings not yet
 * written (environment-summary.ts), so it is exact to the last commit.
 */
export const hourlyRollupHook: DerivedHook = {
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
    let byDevice = new Map<string, Acc>();
    let bySite = new Map<string, Acc>();
    // Looked up once per device per write: the CLI may have placed a device since the last one.
    let sites = new Map<string, string | null>();
    const forget = () => {
      byDevice = new Map();
      bySite = new Map();
      sites = new Map();
    };
    return {
      add(messages) {
        for (const { id, m } of messages) {
          if (id === 0 || m.kind !== "reading" || !m.values) continue;
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
      },
      write() {
        for (const a of byDevice.values())
          upsertDevice.run(a.key, a.metric, a.hour, a.count, a.sum, a.min, a.max);
        for (const a of bySite.values())
          upsertSite.run(a.key, a.metric, a.hour, a.count, a.sum, a.min, a.max);
        forget();
      },
      clear: forget,
    };
  },
};
