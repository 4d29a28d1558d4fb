import { afterAll, describe, expect, it } from "vitest";
import { DeviceRegistry } from "../../../broker/device-registry.js";
import { openDatabase } from "../../../edge/store/database.js";
import { runCliSync } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/** `trace-station db stats` on a store with a day of readings (issue 16). */
const dir = tempDir("db-stats");
afterAll(() => removeDir(dir));

describe("db stats", () => {
  it("shows sizes per table, the oldest raw reading and a projected size", async () => {
    const db = openDatabase(dir);
    await new DeviceRegistry(db).add("air-1", "sensor", null);
    const now = Date.now();
    const insert = db.prepare(
      "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES ('air-1', 'reading', ?, ?, ?, ?)",
    );
    db.transaction(() => {
      // One reading a minute for a day.
      for (let i = 0; i < 1440; i++) {
        const ts = now - (1440 - i) * 60_000;
        insert.run(`m${i}`, ts, ts, `{"msgId":"m${i}","values":{"air_temp":21.5}}`);
      }
    })();
    db.close();

    const out = runCliSync(["db", "stats", "--json", "--data", dir]);
    expect(out.status, out.stderr).toBe(0);
    const stats = JSON.parse(out.stdout);
    const messages = stats.tables.find((t: { table: string }) => t.table === "messages");
    expect(messages.rows).toBe(1440);
    expect(messages.bytes).toBeGreaterThan(1440 * 40);
    expect(stats.readings.count).toBe(1440);
    expect(stats.readings.oldestTs).toBe(now - 1440 * 60_000);
    expect(stats.readings.perDay).toBeGreaterThan(1300);
    expect(stats.readings.perDay).toBeLessThan(1500);
    // 90 days of one reading a minute at the measured size per row.
    expect(stats.projection.rawBytes).toBeCloseTo(stats.readings.perDay * 90 * stats.readings.bytesEach, -2);
    expect(stats.file.bytes).toBeGreaterThan(messages.bytes);

    const human = runCliSync(["db", "stats", "--data", dir]);
    expect(human.stdout).toMatch(/原始读数 \/ raw readings: 1440/);
    expect(human.stdout).toMatch(/messages/);
  });
});
