/**
 * Trace-record assembly from hourly rollups versus a direct scan of the raw readings
 * (json_each over messages.payload), measured in one run on one database: a 30-day batch
 * window over 50 sensors on 5 sites, one reading (air_temp, air_rh) a minute per sensor,
 * about 2.2 million readings. Goal: rollups ≥ 50× faster and < 50 ms median.
 * Run alone: npx tsx test/bench/trace-record.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Value } from "@sinclair/typebox/value";
import { type DomainConfig, DomainSection } from "../../edge/domain/config-schema.js";
import { createDomain, type Domain } from "../../edge/domain/domain.js";
import type { MetricSeries, MetricSummary } from "../../edge/domain/rollups/environment-summary.js";
import { floorHour, HOUR_MS } from "../../edge/domain/rollups/environment-summary.js";
import { type Database, openDatabase } from "../../edge/store/database.js";

const SENSORS = 50;
const SITES = 5;
const DAYS = 30;
const MINUTE = 60_000;
const START = Date.parse("2026-04-01T00:00:00+08:00");
const END = START + DAYS * 86_400_000 - 1;

function generate(db: Database): number {
  // Generation only: a throwaway database need not survive a power cut.
  db.pragma("synchronous = OFF");
  const addDevice = db.prepare(
    "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES (?, 'sensor', ?, 'x', 0)",
  );
  const addMessage = db.prepare(
    "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES (?, 'reading', NULL, ?, ?, ?)",
  );
  const addRollup = db.prepare(
    "INSERT INTO rollups_hourly (device_id, metric, hour, count, sum, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  // What the intake hook maintains beside the device rollups (same upsert as at intake).
  const addSiteRollup = db.prepare(
    `INSERT INTO rollups_site_hourly (site_id, metric, hour, count, sum, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (site_id, hour, metric) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum,
     min = min(min, excluded.min), max = max(max, excluded.max)`,
  );
  let readings = 0;
  db.transaction(() => {
    for (let s = 0; s < SITES; s++)
      db.prepare(
        "INSERT INTO domain_sites (id, name, kind, created_at, updated_at) VALUES (?, ?, 'greenhouse', 0, 0)",
      ).run(`gh${s}`, `${s + 1}号温室`);
    for (let d = 0; d < SENSORS; d++) addDevice.run(`air-${d}`, `gh${d % SITES}`);
  })();
  for (let d = 0; d < SENSORS; d++) {
    const device = `air-${d}`;
    db.transaction(() => {
      for (let hour = START; hour <= END; hour += HOUR_MS) {
        const acc: Record<"t" | "h", [number, number, number, number]> = {
          t: [0, 0, Infinity, -Infinity],
          h: [0, 0, Infinity, -Infinity],
        };
        for (let m = 0; m < 60; m++) {
          const ts = hour + m * MINUTE;
          const phase = ((ts - START) / 86_400_000) * 2 * Math.PI;
          const temp = Math.round((22 + 6 * Math.sin(phase) + d * 0.01) * 10) / 10;
          const rh = Math.round((65 - 15 * Math.sin(phase)) * 10) / 10;
          addMessage.run(device, ts, ts, `{"values":{"air_temp":${temp},"air_rh":${rh}}}`);
          for (const [a, v] of [
            [acc.t, temp],
            [acc.h, rh],
          ] as const) {
            a[0]++;
            a[1] += v;
            a[2] = Math.min(a[2], v);
            a[3] = Math.max(a[3], v);
          }
          readings++;
        }
        addRollup.run(device, "air_temp", hour, ...acc.t);
        addRollup.run(device, "air_rh", hour, ...acc.h);
        addSiteRollup.run(`gh${d % SITES}`, "air_temp", hour, ...acc.t);
        addSiteRollup.run(`gh${d % SITES}`, "air_rh", hour, ...acc.h);
      }
    })();
  }
  db.pragma("synchronous = FULL");
  return readings;
}

/** The environment part computed the slow way, from every raw reading in the window. */
function rawEnvironment(db: Database, siteIds: string[], from: number, to: number) {
  const sites = JSON.stringify(siteIds);
  const summaries = db
    .prepare(
      `SELECT d.site AS siteId, j.key AS metric, min(j.value) AS min, avg(j.value) AS mean, max(j.value) AS max, count(*) AS count
       FROM devices d JOIN messages m ON m.device_id = d.id, json_each(m.payload, '$.values') j
       WHERE d.site IN (SELECT value FROM json_each(?)) AND m.kind = 'reading' AND m.ts BETWEEN ? AND ?
       GROUP BY d.site, j.key`,
    )
    .all(sites, from, to) as MetricSummary[];
  const hours = Math.ceil((to - floorHour(from) + 1) / HOUR_MS);
  const bucketMs = Math.ceil(hours / 240) * HOUR_MS;
  const series = db
    .prepare(
      `SELECT d.site AS siteId, j.key AS metric, (m.ts - ?) / ? AS b, min(j.value) AS min, avg(j.value) AS mean, max(j.value) AS max
       FROM devices d JOIN messages m ON m.device_id = d.id, json_each(m.payload, '$.values') j
       WHERE d.site IN (SELECT value FROM json_each(?)) AND m.kind = 'reading' AND m.ts BETWEEN ? AND ?
       GROUP BY d.site, j.key, b`,
    )
    .all(floorHour(from), bucketMs, sites, from, to) as Array<MetricSeries & { b: number }>;
  return { summaries, series };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => unknown, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-trace-"));
  try {
    const db = openDatabase(dir);
    const t0 = performance.now();
    const readings = generate(db);
    console.log(
      `generated ${readings.toLocaleString("en")} readings in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const domain: Domain = createDomain(db, {
      station: { code: "ST01", name: "bench", timezone: "Asia/Shanghai" },
      config: Value.Default(DomainSection, {}) as DomainConfig,
      now: () => END + 1,
    });
    domain.master.setSubject({ name: "基准合作社", kind: "producer", idNumber: "91350100M000100Y43" });
    domain.master.putProduct({ id: "tomato", name: "番茄", category: "vegetables" });
    const siteIds = Array.from({ length: SITES }, (_, s) => `gh${s}`);
    const { lot } = domain.batches.open({ productId: "tomato", siteIds, windowStart: START, windowEnd: END });
    const fromRollups = () => domain.traceRecord(lot);
    const fromRaw = () => ({
      ...domain.traceRecord(lot),
      environment: rawEnvironment(db, siteIds, START, END),
    });

    // Same answer both ways (means to 3 decimals), before timing anything.
    const a = fromRollups().environment.summaries;
    const b = rawEnvironment(db, siteIds, START, END).summaries;
    const agree = a.every((x) => {
      const y = b.find((r) => r.siteId === x.siteId && r.metric === x.metric);
      return (
        y && y.count === x.count && y.min === x.min && y.max === x.max && Math.abs(y.mean - x.mean) < 1e-3
      );
    });
    fromRollups(); // warm the page cache for both paths alike
    fromRaw();
    const rollupTimes = time(fromRollups, 21);
    const rawTimes = time(fromRaw, 3);
    const mr = median(rollupTimes);
    const mw = median(rawTimes);
    console.log(`window ${DAYS} d, ${SENSORS} sensors on ${SITES} sites, summaries agree: ${agree}`);
    console.log(`trace record via rollups: median ${mr.toFixed(1)} ms (${rollupTimes.length} runs)`);
    console.log(`trace record via raw scan: median ${mw.toFixed(0)} ms (${rawTimes.length} runs)`);
    console.log(`ratio ${(mw / mr).toFixed(0)}× (goal ≥ 50×, rollups < 50 ms)`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
