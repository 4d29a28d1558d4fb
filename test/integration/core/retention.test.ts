import { statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Clock, systemClock } from "../../../edge/core/clock.js";
import { DAY, harvestedBatch, seedTomatoFarm, sprayBifenthrin } from "../../helpers/domain-fixture.js";
import { removeDir, startTestStation, type TestStation } from "../../helpers/station.js";

/**
 * Local retention with the clock moved forward (issue 16): raw readings past the age that every
 * sink has delivered are gone, their rollups and every domain record remain, an old batch's
 * trace record is unchanged, and the database file stops growing over repeated cycles.
 */
const SENSORS = 10;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function station(config: Record<string, unknown>, clock: Clock): Promise<TestStation> {
  const ts = await startTestStation(config, { clock });
  cleanups.push(() => removeDir(ts.dataDir));
  cleanups.push(() => ts.stop());
  seedTomatoFarm(ts.station.domain);
  for (let i = 0; i < SENSORS; i++) await ts.station.devices.add(`air-${i}`, "sensor", "gh1");
  return ts;
}

async function readings(ts: TestStation, perSensor: number, base: number): Promise<void> {
  const jobs: Array<Promise<unknown>> = [];
  for (let i = 0; i < SENSORS; i++)
    for (let n = 0; n < perSensor; n++)
      jobs.push(
        ts.station.intake.submit(`air-${i}`, "reading", {
          ts: base + n * 10_000,
          msgId: `air-${i}-${base}-${n}`,
          values: { air_temp: 20 + (n % 7), air_rh: 60 + (n % 5) },
        }),
      );
  await Promise.all(jobs);
}

const count = (ts: TestStation, sql: string): number => ts.station.db.prepare(sql).pluck().get() as number;

/** Row counts of every table but the raw message log and retention's own bookkeeping. */
function recordCounts(ts: TestStation): Record<string, number> {
  const tables = ts.station.db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('messages', 'store_retention', 'devices') ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, count(ts, `SELECT count(*) FROM "${t}"`)]));
}

describe("local retention of raw readings", () => {
  it("reduces delivered raw readings past the age to rollups and keeps every record", async () => {
    const start = Date.parse("2026-05-01T00:00:00Z");
    let now = start;
    const ts = await station({}, { ...systemClock, now: () => now });
    const domain = ts.station.domain;
    // The record as a buyer sees it, without the moment it was put together.
    const traceOf = (lot: string) => JSON.stringify({ ...domain.traceRecord(lot), assembledAt: 0 });
    sprayBifenthrin(domain);
    await readings(ts, 60, start); // ten minutes of 10 sensors
    now = start + 6 * DAY;
    const lot = harvestedBatch(domain, "tomato", "gh1", now);
    domain.certificates.issue({ lot, basis: ["quality_control"] });
    await ts.station.devices.add("scale-1", "scale", null);
    await ts.station.intake.submit("scale-1", "weight", { net: 5, unit: "kg", stable: true });
    const trace = traceOf(lot);
    const records = recordCounts(ts);
    const rollups = count(ts, "SELECT count(*) FROM rollups_hourly");
    expect(rollups).toBeGreaterThan(0);
    expect(count(ts, "SELECT count(*) FROM messages WHERE kind = 'reading'")).toBe(600);

    now = start + 91 * DAY;
    const result = ts.station.retention.run();
    // Each device's newest reading stays (the device overview shows it); all others are gone.
    expect(result.removed).toBe(600 - SENSORS);
    expect(count(ts, "SELECT count(*) FROM messages WHERE kind = 'reading'")).toBe(SENSORS);
    expect(count(ts, "SELECT count(*) FROM messages WHERE kind = 'weight'")).toBe(1);
    expect(count(ts, "SELECT count(*) FROM rollups_hourly")).toBe(rollups);
    expect(recordCounts(ts)).toEqual(records);
    expect(traceOf(lot)).toBe(trace);
    // Rollups of the reduced hours are not recomputed from what little raw data is left.
    const { rebuildRollups } = await import("../../../edge/domain/rollups/rebuild-rollups.js");
    rebuildRollups(ts.station.db, 0, now);
    expect(traceOf(lot)).toBe(trace);
  });

  it("keeps raw readings a sink has not delivered yet", async () => {
    const start = Date.parse("2026-05-01T00:00:00Z");
    let now = start;
    const ts = await station(
      {
        uplink: {
          sinks: [{ name: "county", type: "mqtt", url: "mqtt://127.0.0.1:1" }],
        },
      },
      { ...systemClock, now: () => now },
    );
    await readings(ts, 20, start);
    now = start + 91 * DAY;
    expect(ts.station.retention.run().removed).toBe(0);
    expect(count(ts, "SELECT count(*) FROM messages WHERE kind = 'reading'")).toBe(200);
  });

  it("the database file stops growing over repeated cycles", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const ts = await station({ store: { rawReadingDays: 30 } }, { ...systemClock, now: () => now });
    const file = join(ts.dataDir, "station.db");
    const sizes: number[] = [];
    for (let cycle = 0; cycle < 13; cycle++) {
      await readings(ts, 600, now - 3_600_000); // 6000 readings around the last hour
      now += 31 * DAY;
      ts.station.retention.run();
      ts.station.db.pragma("wal_checkpoint(TRUNCATE)");
      sizes.push(statSync(file).size);
    }
    // Each cycle stores ~6000 readings (about a MiB); freed pages are reused, so after the
    // first cycles only the small hourly rollups add anything. The dedup keys are folded into
    // message_keys every MESSAGE_KEYS_FOLD_AT (36,000) readings, here in cycles 5 and 11: the
    // first fold gives that table its pages once, the second reuses them (retention frees them
    // with their readings), so the file is measured from after the first fold over the second.
    const grown = (sizes[12] as number) - (sizes[6] as number);
    expect(grown, `sizes ${sizes.join(", ")}`).toBeLessThan(64 * 1024);
    expect(sizes[1] as number).toBeGreaterThan(100 * 1024);
  });
});
