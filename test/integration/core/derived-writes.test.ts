import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeviceRegistry } from "../../../broker/device-registry.js";
import { EnvironmentSummary } from "../../../edge/domain/rollups/environment-summary.js";
import { hourlyRollupHook } from "../../../edge/domain/rollups/hourly-rollup-hook.js";
import { rebuildRollups } from "../../../edge/domain/rollups/rebuild-rollups.js";
import { DeviceOverviewQuery } from "../../../edge/http/device-overview.js";
import type { AcceptedMessage } from "../../../edge/intake/decode.js";
import type { DerivedHook } from "../../../edge/intake/derived-writes.js";
import { prepareGroupWriter } from "../../../edge/intake/write-group.js";
import type { WriteItem } from "../../../edge/intake/write-item.js";
import { type Database, openDatabase } from "../../../edge/store/database.js";

/**
 * Rollups and devices' last seen are written every few seconds of station time, not in every
 * commit (issue 16, edge/intake/derived-writes.ts): between two writes the store lags by at
 * most the interval; a new hour writes at once; a writer started on the store (a restart, a
 * SIGKILL) gathers the messages after the cursor again, so what it writes equals a
 * recomputation from the messages; a rolled-back commit loses nothing gathered before it; the
 * device overview and a batch's environment add the messages after the cursor, so they never lag.
 */
const HOUR = Date.parse("2026-05-01T06:00:00Z");
const EVERY = 5_000;
let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "derived-writes-"));
  db = openDatabase(dir);
  const add = db.prepare(
    "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES (?, 'sensor', 'gh1', 'x', 0)",
  );
  add.run("a");
  add.run("b");
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const reading = (deviceId: string, at: number, air_temp: number, msgId = `m${n++}`): WriteItem => {
  const m: AcceptedMessage = {
    deviceId,
    kind: "reading",
    msgId,
    ts: at,
    receivedAt: at,
    payload: JSON.stringify({ msgId, values: { air_temp } }),
    values: [["air_temp", air_temp]],
  };
  return { t: "msg", m };
};

const rollups = () =>
  db
    .prepare("SELECT device_id, metric, hour, count, sum, min, max FROM rollups_hourly ORDER BY 1, 2, 3")
    .all();
const siteRollups = () =>
  db
    .prepare("SELECT site_id, metric, hour, count, sum, min, max FROM rollups_site_hourly ORDER BY 1, 2, 3")
    .all();
const device = (id: string) =>
  db.prepare("SELECT last_seen_at, last_message_id, last_message_ts FROM devices WHERE id = ?").get(id) as {
    last_seen_at: number | null;
    last_message_id: number | null;
    last_message_ts: number | null;
  };
const cursor = () => db.prepare("SELECT last_message_id FROM derived_cursor").pluck().get() as number;
const maxId = () => db.prepare("SELECT max(id) FROM messages").pluck().get() as number;

/** What the rollups must be: recomputed from every stored reading. */
function recomputed(): { device: unknown[]; site: unknown[] } {
  const device = rollups();
  const site = siteRollups();
  rebuildRollups(db, 0, Number.MAX_SAFE_INTEGER);
  const out = { device: rollups(), site: siteRollups() };
  expect(device).toEqual(out.device);
  expect(site).toEqual(out.site);
  return out;
}

describe("derived writes", () => {
  it("lag the messages by at most the interval of station time, and a new hour writes at once", () => {
    const write = prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY });
    const t0 = HOUR + 60_000;
    // The first commit of a writer writes (nothing was written by it yet).
    write([reading("a", t0, 20)]);
    expect(rollups()).toHaveLength(1);
    expect(device("a").last_seen_at).toBe(t0);
    write([reading("a", t0 + 1_000, 22), reading("b", t0 + 1_000, 30)]);
    write([reading("a", t0 + 4_000, 24)]);
    // Gathered, not written: the store still has the first commit only.
    expect(rollups()).toEqual([
      { device_id: "a", metric: "air_temp", hour: HOUR, count: 1, sum: 20, min: 20, max: 20 },
    ]);
    expect(device("a")).toEqual({ last_seen_at: t0, last_message_id: 1, last_message_ts: t0 });
    expect(device("b").last_seen_at).toBeNull();
    expect(cursor()).toBe(1);
    expect(write.derivedPending).toBe(true);

    write([reading("b", t0 + 5_000, 28)]);
    expect(write.derivedPending).toBe(false);
    expect(cursor()).toBe(maxId());
    expect(device("a")).toEqual({
      last_seen_at: t0 + 4_000,
      last_message_id: 4,
      last_message_ts: t0 + 4_000,
    });
    expect(device("b")).toEqual({
      last_seen_at: t0 + 5_000,
      last_message_id: 5,
      last_message_ts: t0 + 5_000,
    });
    expect(rollups()).toEqual([
      { device_id: "a", metric: "air_temp", hour: HOUR, count: 3, sum: 66, min: 20, max: 24 },
      { device_id: "b", metric: "air_temp", hour: HOUR, count: 2, sum: 58, min: 28, max: 30 },
    ]);

    // One second later but in the next hour: the past hour's last readings go in at once.
    const next = HOUR + 3_600_000;
    write([reading("a", next - 2_000, 10)]);
    expect(write.derivedPending).toBe(false);
    write([reading("a", next - 1_000, 12)]);
    expect(write.derivedPending).toBe(true);
    write([reading("a", next + 500, 11)]);
    expect(write.derivedPending).toBe(false);
    expect(rollups()).toHaveLength(3);
    recomputed();
  });

  it("write what is gathered when the writer is idle or closing", () => {
    const write = prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY });
    write([reading("a", HOUR, 20)]);
    write([reading("a", HOUR + 1_000, 21)]);
    expect(write.derivedPending).toBe(true);
    write.writeDerived();
    expect(write.derivedPending).toBe(false);
    expect(device("a").last_message_ts).toBe(HOUR + 1_000);
    expect(cursor()).toBe(maxId());
    recomputed();
  });

  it("gather again at start what a killed writer had not written, once", () => {
    const killed = prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY });
    killed([reading("a", HOUR, 20)]);
    killed([reading("a", HOUR + 1_000, 21), reading("b", HOUR + 1_000, 31)]);
    // A resend is not stored and not counted, before or after the restart.
    killed([reading("b", HOUR + 2_000, 32, "b-x"), reading("b", HOUR + 2_000, 32, "b-x")]);
    expect(cursor()).toBe(1);
    expect(maxId()).toBe(4);
    // The killed writer's memory is gone; a new writer on the same store takes over.
    const again = prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY });
    expect(again.derivedPending).toBe(true);
    again.writeDerived();
    expect(cursor()).toBe(4);
    expect(device("a")).toEqual({
      last_seen_at: HOUR + 1_000,
      last_message_id: 2,
      last_message_ts: HOUR + 1_000,
    });
    expect(device("b")).toEqual({
      last_seen_at: HOUR + 2_000,
      last_message_id: 4,
      last_message_ts: HOUR + 2_000,
    });
    const { device: rows } = recomputed();
    expect(rows).toEqual([
      { device_id: "a", metric: "air_temp", hour: HOUR, count: 2, sum: 41, min: 20, max: 21 },
      { device_id: "b", metric: "air_temp", hour: HOUR, count: 2, sum: 63, min: 31, max: 32 },
    ]);
    // And a third start finds nothing left to gather.
    expect(prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY }).derivedPending).toBe(false);
  });

  it("keep what earlier commits gathered when a later one rolls back", () => {
    let failing = false;
    const failingHook: DerivedHook = {
      name: "fails-on-demand",
      prepare: () => ({
        add() {},
        write() {
          if (failing) throw new Error("disk I/O error");
        },
        clear() {},
      }),
    };
    const write = prepareGroupWriter(db, [hourlyRollupHook, failingHook], { derivedEveryMs: EVERY });
    write([reading("a", HOUR, 20)]);
    write([reading("a", HOUR + 1_000, 21)]);
    failing = true;
    expect(() =>
      write([reading("a", HOUR + 6_000, 99), reading("a", HOUR + 6_000, 98), reading("a", HOUR + 6_000, 97)]),
    ).toThrow("disk I/O error");
    failing = false;
    write([reading("b", HOUR + 7_000, 30)]);
    expect(write.derivedPending).toBe(false);
    // The rolled-back rowids are handed out again: the cursor must not have passed them.
    expect(cursor()).toBe(maxId());
    write([reading("b", HOUR + 8_000, 31)]);
    expect(write.derivedPending).toBe(true);
    // Killed here: a new writer gathers the last reading again.
    prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY }).writeDerived();
    const { device: rows } = recomputed();
    expect(rows).toEqual([
      { device_id: "a", metric: "air_temp", hour: HOUR, count: 2, sum: 41, min: 20, max: 21 },
      { device_id: "b", metric: "air_temp", hour: HOUR, count: 2, sum: 61, min: 30, max: 31 },
    ]);
  });

  it("leave the device overview current to the last commit", () => {
    const write = prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY });
    const overview = new DeviceOverviewQuery(db, new DeviceRegistry(db));
    const of = (id: string) => overview.list().find((d) => d.id === id);
    write([reading("a", HOUR, 20)]);
    write([reading("a", HOUR + 1_000, 21), reading("b", HOUR + 2_000, 30)]);
    // A late reading (older device time) is newer by receive time but not the newest message.
    const late: WriteItem = reading("a", HOUR + 500, 19);
    if (late.t === "msg") late.m.receivedAt = HOUR + 3_000;
    write([late]);
    expect(device("a").last_seen_at).toBe(HOUR);
    expect(device("b").last_seen_at).toBeNull();
    expect(of("a")).toMatchObject({ lastSeenAt: HOUR + 3_000, lastMessage: { ts: HOUR + 1_000 } });
    expect(of("b")).toMatchObject({ lastSeenAt: HOUR + 2_000, lastMessage: { ts: HOUR + 2_000 } });
    write.writeDerived();
    expect(device("a").last_seen_at).toBe(HOUR + 3_000);
    expect(of("a")).toMatchObject({ lastSeenAt: HOUR + 3_000, lastMessage: { ts: HOUR + 1_000 } });
  });

  it("leave a batch's environment current to the last commit, and the same once written", () => {
    const write = prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY });
    const env = () => new EnvironmentSummary(db).environment(["gh1"], HOUR, HOUR + 2 * 3_600_000);
    write([reading("a", HOUR, 20), reading("b", HOUR + 1_000, 30)]);
    write.writeDerived();
    // Gathered but not yet written: more of the first hour, and a reading its device dates
    // in the next hour (received in this one, so station time has not moved into the next).
    const ahead = reading("b", HOUR + 3_600_000, 10);
    if (ahead.t === "msg") ahead.m.receivedAt = HOUR + 3_000;
    write([reading("a", HOUR + 2_000, 22), ahead]);
    expect(siteRollups()).toHaveLength(1);
    const current = env();
    expect(current.summaries).toEqual([
      { siteId: "gh1", metric: "air_temp", unit: "°C", min: 10, mean: 20.5, max: 30, count: 4 },
    ]);
    expect(current.series[0]?.points).toEqual([
      { t: HOUR, min: 20, mean: 24, max: 30 },
      { t: HOUR + 3_600_000, min: 10, mean: 10, max: 10 },
    ]);
    write.writeDerived();
    expect(env()).toEqual(current);
  });

  it("leave a rebuild running beside the writer with nothing counted twice", () => {
    const write = prepareGroupWriter(db, [hourlyRollupHook], { derivedEveryMs: EVERY });
    write([reading("a", HOUR, 20)]);
    write([reading("a", HOUR + 1_000, 21)]);
    // The CLI rebuilds while the writer holds the second reading in memory.
    rebuildRollups(db, 0, Number.MAX_SAFE_INTEGER);
    write.writeDerived();
    expect(rollups()).toEqual([
      { device_id: "a", metric: "air_temp", hour: HOUR, count: 2, sum: 41, min: 20, max: 21 },
    ]);
  });
});
