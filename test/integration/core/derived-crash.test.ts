import { writeFileSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type ChildStation, spawnStation } from "../../helpers/child-station.js";
import { runCliSync } from "../../helpers/cli.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Rollups and devices' last seen are written every few seconds, not with each message
 * (issue 16, edge/intake/derived-writes.ts). A station killed with SIGKILL between two of
 * those writes has acknowledged readings that are in no rollup yet; the next start gathers
 * them again from the messages after the cursor, so the rollups equal a recomputation from the
 * stored readings and each device's last seen and newest message are its stored messages'.
 */
const DEVICES = 2;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function readonly(dir: string): BetterSqlite3.Database {
  return new BetterSqlite3(join(dir, "station.db"), { readonly: true });
}

const kill = async (station: ChildStation) => {
  station.process.kill("SIGKILL");
  await station.exited;
};

describe("SIGKILL between two derived writes", () => {
  it("rebuilds the rollups and last seen of the readings the killed station had not written", async () => {
    const dir = tempDir("derived-crash");
    cleanups.push(() => removeDir(dir));
    const passwords: string[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const out = runCliSync([
        "device",
        "add",
        `air-${i}`,
        "--kind",
        "sensor",
        "--site",
        "gh1",
        "--json",
        "--data",
        dir,
      ]);
      passwords.push((JSON.parse(out.stdout) as { password: string }).password);
    }
    // A long interval: after the first commit's write, nothing more is written before the kill.
    const config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ demo: { enabled: false }, store: { derivedWriteSeconds: 60 } }));
    const station = await spawnStation(["--data", dir, "--config", config]);
    cleanups.push(() => station.process.kill("SIGKILL"));
    const url = `mqtt://127.0.0.1:${station.ports.mqtt}`;
    const clients = await Promise.all(passwords.map((pw, i) => connectDevice(url, `air-${i}`, pw)));
    const publish = (round: number) =>
      Promise.all(
        clients.map((c, i) =>
          c.publishAsync(
            `trace/v1/dev/air-${i}/reading`,
            JSON.stringify({
              msgId: `r${round}`,
              values: { air_temp: 20 + round / 2 + i, air_rh: 50 + round },
            }),
            { qos: 1 },
          ),
        ),
      );
    await publish(0);
    const written = readonly(dir);
    cleanups.push(() => written.close());
    const cursor = () =>
      written.prepare("SELECT last_message_id FROM derived_cursor").pluck().get() as number;
    await waitFor(() => cursor() > 0);
    await Promise.all(Array.from({ length: 20 }, (_, i) => publish(i + 1)));
    await kill(station);
    for (const c of clients) c.end(true);

    // Between two writes: acknowledged readings the rollups and device rows do not have yet.
    const stored = written.prepare("SELECT count(*) FROM messages WHERE kind = 'reading'").pluck().get();
    expect(stored).toBe(21 * DEVICES);
    expect(cursor()).toBeLessThan(written.prepare("SELECT max(id) FROM messages").pluck().get() as number);
    const counted = written
      .prepare("SELECT coalesce(sum(count), 0) FROM rollups_hourly")
      .pluck()
      .get() as number;
    expect(counted).toBeLessThan(21 * DEVICES * 2);

    // The next start writes them before it is READY; killed again, so no stop writes them.
    const again = await spawnStation(["--data", dir, "--config", config]);
    await kill(again);
    const db = readonly(dir);
    cleanups.push(() => db.close());
    const recomputed = (group: string) =>
      db
        .prepare(
          `SELECT ${group} AS key, j.key AS metric, m.ts - (m.ts % 3600000) AS hour, count(*) AS count,
                  sum(j.value) AS sum, min(j.value) AS min, max(j.value) AS max
           FROM messages m JOIN devices d ON d.id = m.device_id, json_each(m.payload, '$.values') j
           WHERE m.kind = 'reading' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        )
        .all();
    expect(
      db
        .prepare(
          "SELECT device_id AS key, metric, hour, count, sum, min, max FROM rollups_hourly ORDER BY 1, 2, 3",
        )
        .all(),
    ).toEqual(recomputed("m.device_id"));
    expect(
      db
        .prepare(
          "SELECT site_id AS key, metric, hour, count, sum, min, max FROM rollups_site_hourly ORDER BY 1, 2, 3",
        )
        .all(),
    ).toEqual(recomputed("d.site"));
    const devices = db
      .prepare("SELECT id, last_seen_at, last_message_id FROM devices ORDER BY id")
      .all() as Array<{ id: string; last_seen_at: number; last_message_id: number }>;
    for (const d of devices) {
      const newest = db
        .prepare("SELECT id, received_at FROM messages WHERE device_id = ? ORDER BY ts DESC, id DESC LIMIT 1")
        .get(d.id) as { id: number; received_at: number };
      const seen = db.prepare("SELECT max(received_at) FROM messages WHERE device_id = ?").pluck().get(d.id);
      expect(d).toEqual({ id: d.id, last_seen_at: seen, last_message_id: newest.id });
    }
    expect(db.prepare("SELECT last_message_id FROM derived_cursor").pluck().get()).toBe(
      db.prepare("SELECT max(id) FROM messages").pluck().get(),
    );
  }, 60_000);
});
