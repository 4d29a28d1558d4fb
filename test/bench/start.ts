import { DeviceRegistry } from "../../broker/device-registry.js";
import { MasterData } from "../../edge/domain/master/master-data.js";
import { openDatabase } from "../../edge/store/database.js";
import { spawnStation } from "../helpers/child-station.js";
import { removeDir, tempDir } from "../helpers/station.js";

/**
 * Start time with a big store (issue 16): START_READINGS (default 10 million) readings of 200
 * sensors are written straight into a fresh store with SQL, as years of intake would leave
 * them, with the projection cursors far behind (the last weight or input long ago). Then the
 * built station is started as systemd starts it, and the time to its "station started" line
 * (READY) is printed. Goal ≤ 2 s: nothing at start may rescan the history.
 */
const READINGS = Number(process.env.START_READINGS ?? 10_000_000);
const DEVICES = 200;
const CHUNK = 500_000;

async function fill(dataDir: string): Promise<void> {
  const db = openDatabase(dataDir);
  const site = new MasterData(db, Date.now).putSite({ id: "GH-01", name: "大棚 1", kind: "greenhouse" });
  const registry = new DeviceRegistry(db);
  for (let i = 0; i < DEVICES; i++)
    await registry.add(`fleet-${String(i).padStart(3, "0")}`, "sensor", site.id);
  const start = Date.now() - Math.ceil(READINGS / DEVICES) * 1000;
  const insert = db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @to)
     INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload)
     SELECT printf('fleet-%03d', i % ${DEVICES}), 'reading', printf('fleet-%03d-%d', i % ${DEVICES}, i / ${DEVICES}),
            @start + (i / ${DEVICES}) * 1000, @start + (i / ${DEVICES}) * 1000,
            printf('{"msgId":"fleet-%03d-%d","values":{"air_temp":%.1f,"air_rh":%d,"soil_moisture":%.2f,"soil_temp":%.1f,"light":%d}}',
                   i % ${DEVICES}, i / ${DEVICES}, 20 + (i % 50) / 10.0, 50 + i % 30, 30 + (i % 20) / 4.0, 18 + (i % 10) / 10.0, 12000 + i % 5000)
     FROM n`,
  );
  for (let from = 0; from < READINGS; from += CHUNK) {
    db.transaction(() => insert.run({ from, to: Math.min(READINGS, from + CHUNK), start }))();
  }
  // The writer folds each reading's dedup key into message_keys as it goes (edge/intake/
  // message-keys.ts); years of intake leave them all folded but the last few thousand.
  db.exec(`INSERT OR IGNORE INTO message_keys (device_id, msg_id)
             SELECT device_id, msg_id FROM messages WHERE msg_id IS NOT NULL ORDER BY device_id, msg_id;
           UPDATE message_keys_merged SET last_message_id = (SELECT max(id) - 5000 FROM messages);`);
  // Rollups and last seen are written every few seconds (edge/intake/derived-writes.ts): a
  // SIGKILL leaves at most that much of a fleet's intake to gather again at start.
  db.exec("UPDATE derived_cursor SET last_message_id = (SELECT max(id) - 1000 FROM messages)");
  // As if the last weight, scan or input was stored before all these readings.
  db.prepare("UPDATE projection_cursors SET last_message_id = 0").run();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

export async function run(): Promise<void> {
  const dataDir = tempDir("bench-start");
  const filling = performance.now();
  // Projection cursors exist once the station has run once.
  const first = await spawnStation(["--data", dataDir]);
  first.process.kill("SIGTERM");
  await first.exited;
  await fill(dataDir);
  const filledS = (performance.now() - filling) / 1000;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const station = await spawnStation(["--data", dataDir]);
    times.push(performance.now() - t0);
    station.process.kill("SIGTERM");
    await station.exited;
  }
  removeDir(dataDir);
  console.log(`start: ${READINGS} readings of ${DEVICES} sensors (filled in ${filledS.toFixed(0)} s)`);
  console.log(
    `  spawn → "station started" (READY): ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(", ")}   (goal ≤ 2 s)`,
  );
}
