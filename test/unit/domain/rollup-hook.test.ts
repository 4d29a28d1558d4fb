import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hourlyRollupHook } from "../../../edge/domain/rollups/hourly-rollup-hook.js";
import type { AcceptedMessage } from "../../../edge/intake/decode.js";
import { prepareGroupWriter } from "../../../edge/intake/write-group.js";
import type { WriteItem } from "../../../edge/intake/write-item.js";
import { type Database, openDatabase } from "../../../edge/store/database.js";

const HOUR = Date.parse("2026-05-01T02:00:00Z");
let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rollup-"));
  db = openDatabase(dir);
  db.prepare(
    "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES ('a', 'sensor', 'gh1', 'x', 0)",
  ).run();
  db.prepare(
    "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES ('b', 'sensor', NULL, 'x', 0)",
  ).run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const reading = (deviceId: string, msgId: string, ts: number, values: Array<[string, number]>): WriteItem => {
  const m: AcceptedMessage = {
    deviceId,
    kind: "reading",
    msgId,
    ts,
    receivedAt: ts,
    payload: JSON.stringify({ values: Object.fromEntries(values) }),
    values,
  };
  return { t: "msg", m };
};

const rows = (sql: string) => db.prepare(sql).all();

describe("hourly rollup write hook", () => {
  it("aggregates per device and per site, across groups, without counting a resent message twice", () => {
    const write = prepareGroupWriter(db, [hourlyRollupHook]);
    write([
      reading("a", "1", HOUR + 60_000, [
        ["air_temp", 20],
        ["air_rh", 70],
      ]),
      reading("a", "2", HOUR + 120_000, [["air_temp", 24]]),
      reading("b", "1", HOUR + 60_000, [["air_temp", 30]]),
      reading("a", "3", HOUR + 3_600_000, [["air_temp", 18]]),
    ]);
    write([
      reading("a", "2", HOUR + 120_000, [["air_temp", 24]]),
      reading("a", "4", HOUR + 59 * 60_000, [["air_temp", 16]]),
    ]);
    expect(
      rows(
        "SELECT device_id, metric, hour, count, sum, min, max FROM rollups_hourly ORDER BY device_id, metric, hour",
      ),
    ).toEqual([
      { device_id: "a", metric: "air_rh", hour: HOUR, count: 1, sum: 70, min: 70, max: 70 },
      { device_id: "a", metric: "air_temp", hour: HOUR, count: 3, sum: 60, min: 16, max: 24 },
      { device_id: "a", metric: "air_temp", hour: HOUR + 3_600_000, count: 1, sum: 18, min: 18, max: 18 },
      { device_id: "b", metric: "air_temp", hour: HOUR, count: 1, sum: 30, min: 30, max: 30 },
    ]);
    // Device b stands on no site, so only device a's readings reach the site rollups.
    expect(
      rows("SELECT site_id, metric, hour, count, sum FROM rollups_site_hourly ORDER BY hour, metric"),
    ).toEqual([
      { site_id: "gh1", metric: "air_rh", hour: HOUR, count: 1, sum: 70 },
      { site_id: "gh1", metric: "air_temp", hour: HOUR, count: 3, sum: 60 },
      { site_id: "gh1", metric: "air_temp", hour: HOUR + 3_600_000, count: 1, sum: 18 },
    ]);
  });

  it("ignores messages that are not readings", () => {
    const write = prepareGroupWriter(db, [hourlyRollupHook]);
    const m: AcceptedMessage = {
      deviceId: "a",
      kind: "scan",
      msgId: null,
      ts: HOUR,
      receivedAt: HOUR,
      payload: '{"code":"x"}',
    };
    write([{ t: "msg", m }]);
    expect(rows("SELECT * FROM rollups_hourly")).toEqual([]);
  });
});
