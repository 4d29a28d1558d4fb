import { openSync, readSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { DeviceRegistry } from "../../broker/device-registry.js";
import { MasterData } from "../../edge/domain/master/master-data.js";
import type { AcceptedMessage } from "../../edge/intake/decode.js";
import { DERIVED_WRITE_MS } from "../../edge/intake/derived-writes.js";
import { MESSAGE_KEYS_FOLD_AT } from "../../edge/intake/message-keys.js";
import { prepareGroupWriter } from "../../edge/intake/write-group.js";
import { writeHooks } from "../../edge/intake/write-hooks.js";
import type { WriteItem } from "../../edge/intake/write-item.js";
import { applyPragmas, databasePath, openDatabase } from "../../edge/store/database.js";
import { removeDir, tempDir } from "../helpers/station.js";

/**
 * Where the bytes of a reading go (issue 16): commits of one second of a 200-sensor fleet are
 * written with checkpoints held off, then the WAL is read frame by frame (sqlite.org/fileformat
 * "WAL file format": 32-byte header, then per frame a 24-byte header whose first 4 bytes are
 * the page number) and each page is attributed to its table or index through the dbstat
 * virtual table. WAL bytes are what each commit writes; distinct pages are what one
 * checkpoint writes back into the database file. WRITE_PAGES_HISTORY sets the readings
 * already stored (their index pages are what a new reading lands between);
 * WRITE_PAGES_DERIVED_MS how often rollups and last seen are written (0: every commit).
 */
const DEVICES = Number(process.env.WRITE_PAGES_DEVICES ?? 200);
// One fold of the dedup keys (edge/intake/message-keys.ts) in every window, whatever the
// history: a window of 30 commits held a fold or not depending on WRITE_PAGES_HISTORY.
const COMMITS = Number(process.env.WRITE_PAGES_COMMITS ?? Math.ceil(MESSAGE_KEYS_FOLD_AT / DEVICES));
const HISTORY = Number(process.env.WRITE_PAGES_HISTORY ?? 200_000);

function reading(device: string, n: number, ts: number): AcceptedMessage {
  const values: Array<[string, number]> = [
    ["air_temp", 20 + (n % 50) / 10],
    ["air_rh", 50 + (n % 30)],
    ["soil_moisture", 30 + (n % 20) / 4],
    ["soil_temp", 18 + (n % 10) / 10],
    ["light", 12000 + n * 7],
  ];
  return {
    deviceId: device,
    kind: "reading",
    msgId: `${device}-${n}`,
    ts,
    receivedAt: ts,
    payload: JSON.stringify({ msgId: `${device}-${n}`, values: Object.fromEntries(values) }),
    values,
  };
}

export async function run(): Promise<void> {
  const dataDir = tempDir("bench-write-pages");
  const setup = openDatabase(dataDir);
  const site = new MasterData(setup, Date.now).putSite({ id: "GH-01", name: "大棚 1", kind: "greenhouse" });
  const registry = new DeviceRegistry(setup);
  const devices: string[] = [];
  for (let i = 0; i < DEVICES; i++) {
    devices.push(`fleet-${String(i).padStart(3, "0")}`);
    await registry.add(devices[i] as string, "sensor", site.id);
  }
  setup.close();

  const db = new BetterSqlite3(databasePath(dataDir));
  applyPragmas(db);
  // As the writer thread runs it: derived data every DERIVED_WRITE_MS of the commits' receive
  // times (one simulated second per commit).
  const everyMs = Number(process.env.WRITE_PAGES_DERIVED_MS ?? DERIVED_WRITE_MS);
  const write = prepareGroupWriter(db, writeHooks, { derivedEveryMs: everyMs });
  // History ends on a fold, so the window's own fold is its last commit.
  const history = Math.ceil(HISTORY / DEVICES / COMMITS) * COMMITS;
  const start = Date.now() - history * 1000 - COMMITS * 1000;
  let second = 0;
  const commitSecond = () => {
    const ts = start + second * 1000;
    const items: WriteItem[] = devices.map((d) => ({ t: "msg", m: reading(d, second, ts) }));
    write(items);
    second++;
  };
  for (let i = 0; i < history; i++) commitSecond();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("wal_autocheckpoint = 0");
  for (let i = 0; i < COMMITS; i++) commitSecond();

  const pageSize = db.pragma("page_size", { simple: true }) as number;
  const owner = new Map<number, string>();
  for (const row of db.prepare("SELECT name, pageno FROM dbstat").all() as Array<{
    name: string;
    pageno: number;
  }>)
    owner.set(row.pageno, row.name);
  const fd = openSync(`${databasePath(dataDir)}-wal`, "r");
  const header = Buffer.alloc(24);
  const frames = new Map<string, number>();
  const distinct = new Map<string, Set<number>>();
  let total = 0;
  for (let offset = 32; readSync(fd, header, 0, 24, offset) === 24; offset += 24 + pageSize) {
    const page = header.readUInt32BE(0);
    const name = owner.get(page) ?? (page === 1 ? "(header page)" : "(free/other)");
    frames.set(name, (frames.get(name) ?? 0) + 1);
    const set = distinct.get(name) ?? new Set<number>();
    distinct.set(name, set);
    set.add(page);
    total++;
  }
  db.close();
  removeDir(dataDir);

  const readings = COMMITS * DEVICES;
  const perReading = (n: number) => ((n * (pageSize + 24)) / readings).toFixed(0);
  console.log(
    `write-pages: ${COMMITS} commits × ${DEVICES} readings (5 metrics) over ${history * DEVICES} stored, page ${pageSize} B`,
  );
  console.log(`  WAL: ${total} frames, ${perReading(total)} B per reading; by table/index (B per reading):`);
  for (const [name, n] of [...frames].sort((a, b) => b[1] - a[1])) {
    const pages = distinct.get(name)?.size ?? 0;
    console.log(
      `    ${name.padEnd(36)} ${String(n).padStart(6)} frames  ${perReading(n).padStart(6)} B  (${pages} distinct pages: a checkpoint writes ${((pages * pageSize) / readings).toFixed(0)} B per reading)`,
    );
  }
}
