import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../../edge/config/load.js";
import { RetentionPolicy } from "../../../edge/uplink/retention.js";
import { retentionCounts } from "../../../edge/uplink/status.js";
import { Uplink } from "../../../edge/uplink/uplink.js";
import { FakeClock } from "../../helpers/fake-clock.js";
import { insertDomainRecords, insertReadings, tempStationDb } from "../../helpers/uplink-fixtures.js";

const HOUR = 3_600_000;
const NOW = Date.parse("2026-05-10T00:00:00Z");
const OLD = NOW - 10 * 24 * HOUR;
const log = pino({ level: "silent" });

describe("retention of undelivered raw readings during a long outage", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function setup() {
    const t = tempStationDb();
    cleanup = t.cleanup;
    // Two old hours of readings (6 per hour), an old test and input, domain records, then fresh readings.
    insertReadings(t.db, "air-1", 12, { ts: (i) => OLD + Math.floor(i / 6) * HOUR + (i % 6) * 60_000 });
    insertReadings(t.db, "tester-1", 1, { ts: () => OLD, kind: "test" });
    insertReadings(t.db, "sprayer-1", 1, { ts: () => OLD, kind: "input" });
    insertDomainRecords(t.db, "batches", "batch", 3);
    insertReadings(t.db, "air-1", 3, { ts: (i) => NOW - i * 60_000 });
    return t;
  }

  const count = (t: ReturnType<typeof setup>, where: string) =>
    (t.db.prepare(`SELECT count(*) AS n FROM messages WHERE ${where}`).get() as { n: number }).n;

  it("rollup replaces old undelivered readings by hourly summaries and counts them; nothing else is touched", () => {
    const t = setup();
    const policy = new RetentionPolicy(
      t.db,
      { readings: "rollup", maxAgeHours: 168, intervalMs: 60_000 },
      "ST01",
      log,
    );
    expect(policy.run(NOW, 0)).toEqual({ dropped: 0, rolledUp: 12, rollupsWritten: 2 });
    expect(count(t, "kind = 'reading'")).toBe(3);
    expect(count(t, "kind IN ('test','input')")).toBe(2);
    const rollups = t.db
      .prepare(
        "SELECT stream, record_id, kind, payload FROM outbox WHERE kind = 'reading_rollup' ORDER BY id",
      )
      .all() as Array<{ stream: string; record_id: string; payload: string }>;
    expect(rollups).toHaveLength(2);
    expect(rollups[0]?.stream).toBe("rollups:air-1");
    expect(JSON.parse(rollups[0]?.payload ?? "{}")).toMatchObject({
      device: "air-1",
      hourStart: new Date(OLD).toISOString(),
      metrics: { air_temp: { min: 20, max: 25, mean: 22.5, count: 6 } },
    });
    expect(t.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'batch'").get()).toEqual({ n: 3 });
    expect(retentionCounts(t.db)).toMatchObject({ dropped: 0, rolledUp: 12, rollupsWritten: 2 });
    // Running again finds nothing more to reduce.
    expect(policy.run(NOW, 0)).toEqual({ dropped: 0, rolledUp: 0, rollupsWritten: 0 });
  });

  it("drop deletes only what no sink has delivered, and never the newest message", () => {
    const t = setup();
    const policy = new RetentionPolicy(
      t.db,
      { readings: "drop", maxAgeHours: 1, intervalMs: 60_000 },
      "ST01",
      log,
    );
    // Every sink has delivered the first 4 readings: those stay as local history.
    expect(policy.run(NOW + 48 * HOUR, 4)).toEqual({ dropped: 10, rolledUp: 0, rollupsWritten: 0 });
    expect(count(t, "kind = 'reading'")).toBe(5);
    const newest = t.db.prepare("SELECT max(id) AS id FROM messages").get() as { id: number };
    expect(count(t, `id = ${newest.id}`)).toBe(1);
    expect(retentionCounts(t.db).dropped).toBe(10);
  });

  it("keep does nothing", () => {
    const t = setup();
    const policy = new RetentionPolicy(
      t.db,
      { readings: "keep", maxAgeHours: 1, intervalMs: 60_000 },
      "ST01",
      log,
    );
    expect(policy.run(NOW, 0)).toEqual({ dropped: 0, rolledUp: 0, rollupsWritten: 0 });
    expect(count(t, "1")).toBe(17);
  });
});

describe("retention inside the running uplink", () => {
  it("runs on its interval on the injected clock, below the lowest cursor of all sinks", async () => {
    const t = tempStationDb();
    try {
      insertReadings(t.db, "air-1", 6, { ts: (i) => OLD + i * 60_000 });
      insertReadings(t.db, "air-1", 1, { ts: () => NOW });
      const clock = new FakeClock(NOW);
      const { config } = validateConfig({
        uplink: {
          sinks: [
            { type: "https", name: "a", url: "http://127.0.0.1:9/" },
            { type: "https", name: "b", url: "http://127.0.0.1:9/" },
          ],
          retention: { readings: "drop", maxAgeHours: 24, intervalMs: 3_600_000 },
        },
      });
      // Sink a has delivered the first two readings, sink b nothing: only b's view counts.
      t.db
        .prepare(
          "INSERT INTO uplink_cursors (sink, feed, last_id, updated_at) VALUES ('a', 'messages', 2, 0)",
        )
        .run();
      const uplink = new Uplink({ db: t.db, config: config.uplink, station: "ST01", clock, log });
      await uplink.start();
      const timer = clock.pending().find((x) => x.ms === 3_600_000);
      expect(timer).toBeDefined();
      expect(retentionCounts(t.db).dropped).toBe(0);
      clock.fire(timer as NonNullable<typeof timer>);
      expect(retentionCounts(t.db).dropped).toBe(6);
      expect(clock.pending().filter((x) => x.ms === 3_600_000)).toHaveLength(1);
      await uplink.stop();
    } finally {
      t.cleanup();
    }
  });
});
