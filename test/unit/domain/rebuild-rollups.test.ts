import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hourlyRollupHook } from "../../../edge/domain/rollups/hourly-rollup-hook.js";
import { rebuildRollups } from "../../../edge/domain/rollups/rebuild-rollups.js";
import { prepareGroupWriter } from "../../../edge/intake/write-group.js";
import type { WriteItem } from "../../../edge/intake/write-item.js";
import { type Database, openDatabase } from "../../../edge/store/database.js";

const HOUR = Date.parse("2026-05-01T02:00:00Z");
let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rebuild-"));
  db = openDatabase(dir);
  db.prepare(
    "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES ('a', 'sensor', NULL, 'x', 0)",
  ).run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();

describe("rebuilding rollups from stored readings", () => {
  it("gives what the intake hook gives, and fills site rollups for a device placed late", () => {
    const items: WriteItem[] = [];
    for (let i = 0; i < 200; i++) {
      const ts = HOUR + i * 7 * 60_000; // spans about 23 hours, across a day boundary
      const values: Array<[string, number]> = [
        ["air_temp", 15 + (i % 13)],
        ["air_rh", 40 + (i % 5)],
      ];
      items.push({
        t: "msg",
        m: {
          deviceId: "a",
          kind: "reading",
          msgId: String(i),
          ts,
          receivedAt: ts,
          payload: JSON.stringify({ values: Object.fromEntries(values) }),
          values,
        },
      });
    }
    prepareGroupWriter(db, [hourlyRollupHook])(items);
    const fromIntake = rows("rollups_hourly");
    expect(rows("rollups_site_hourly")).toEqual([]);

    db.prepare("UPDATE devices SET site = 'gh1' WHERE id = 'a'").run();
    const r = rebuildRollups(db, 0, Number.MAX_SAFE_INTEGER);
    expect(r.days).toBeGreaterThanOrEqual(1);
    expect(rows("rollups_hourly")).toEqual(fromIntake);
    const site = rows("rollups_site_hourly") as Array<{ site_id: string; count: number }>;
    expect(site.length).toBe(fromIntake.length);
    expect(site.every((s) => s.site_id === "gh1")).toBe(true);
    expect(site.reduce((n, s) => n + s.count, 0)).toBe(400);
    // Idempotent.
    rebuildRollups(db, 0, Number.MAX_SAFE_INTEGER);
    expect(rows("rollups_hourly")).toEqual(fromIntake);
  });
});
