import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { allMigrations } from "../../../edge/store/all-migrations.js";
import { databasePath, openDatabase } from "../../../edge/store/database.js";
import { snapshotBeforeMigrations, snapshotsDir } from "../../../edge/store/snapshots.js";
import { runCli } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

const work = tempDir("backup");
afterAll(() => removeDir(work));

const SQLITE = resolve("node_modules/better-sqlite3");

/**
 * Another process committing pairs of rows as fast as it can, like the station's writer: a
 * consistent copy never holds half a pair. It prints "go" once it has the database open.
 */
function busyWriter(dataDir: string): ChildProcess {
  const script = `
const Database = require(${JSON.stringify(SQLITE)});
const db = new Database(${JSON.stringify(databasePath(dataDir))});
db.pragma("busy_timeout = 5000");
db.exec("CREATE TABLE IF NOT EXISTS probe_pairs (n INTEGER, half TEXT)");
const pair = db.transaction((n) => { ins.run(n, "a"); ins.run(n, "b"); });
const ins = db.prepare("INSERT INTO probe_pairs VALUES (?, ?)");
let n = 0;
process.stdout.write("go\\n");
const until = Date.now() + 60000;
(function loop() { for (let i = 0; i < 50; i++) pair(n++); if (Date.now() < until) setImmediate(loop); })();
`;
  return spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
}

const rows = (file: string, sql = "SELECT count(*) FROM probe_pairs") => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return Number(db.prepare(sql).pluck().get());
  } finally {
    db.close();
  }
};

describe("backup and restore", () => {
  const dataDir = join(work, "data");
  const backup = join(work, "station-backup.db");

  it("backup is consistent while another process keeps committing", async () => {
    openDatabase(dataDir).close();
    const writer = busyWriter(dataDir);
    await new Promise<void>((r) => writer.stdout?.once("data", () => r()));
    try {
      await new Promise((r) => setTimeout(r, 300));
      const r = await runCli(["backup", "--data", dataDir, "--out", backup, "--json"]);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ file: backup, migrations: allMigrations.length });
    } finally {
      writer.kill("SIGKILL");
    }
    const copied = rows(backup);
    expect(copied).toBeGreaterThan(0);
    expect(copied % 2).toBe(0);
    expect(
      rows(backup, "SELECT count(*) FROM (SELECT n FROM probe_pairs GROUP BY n HAVING count(*) <> 2)"),
    ).toBe(0);
    const db = new BetterSqlite3(backup, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });

  it("restore refuses while a process has the store open, and changes nothing", async () => {
    const before = rows(databasePath(dataDir));
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const D=require(${JSON.stringify(SQLITE)}); const d=new D(${JSON.stringify(databasePath(dataDir))}); d.prepare("SELECT 1").get(); console.log("go"); setInterval(()=>{}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((r) => holder.stdout?.once("data", () => r()));
    try {
      const r = await runCli(["restore", "--data", dataDir, "--from", backup]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("[OPS_RESTORE_STATION_RUNNING]");
      expect(r.stderr).toContain(String(holder.pid));
    } finally {
      holder.kill("SIGKILL");
    }
    expect(rows(databasePath(dataDir))).toBe(before);
  });

  it("restore puts the backup in place and keeps what was there as a snapshot", async () => {
    const later = rows(databasePath(dataDir));
    const inBackup = rows(backup);
    expect(later).toBeGreaterThan(inBackup);
    const r = await runCli(["restore", "--data", dataDir, "--from", backup, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const { previous } = JSON.parse(r.stdout) as { previous: string };
    expect(rows(databasePath(dataDir))).toBe(inBackup);
    expect(rows(previous)).toBe(later);
    // The restored store opens and is at this release's schema.
    openDatabase(dataDir).close();
  });

  it("refuses a file that is not a station database, naming the code", async () => {
    const junk = join(work, "junk.db");
    writeFileSync(junk, "not sqlite at all, just text that is long enough to not be empty");
    const r = await runCli(["restore", "--data", dataDir, "--from", junk]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("[OPS_RESTORE_INVALID]");
  });
});

describe("a snapshot before migrations", () => {
  it("is taken when an existing store is migrated, holds the old schema and data, and restores", async () => {
    const dataDir = join(work, "upgrade");
    const older = allMigrations.slice(0, allMigrations.length - 2);
    const db = openDatabase(dataDir, { migrations: older });
    db.exec(
      "CREATE TABLE probe_pairs (n INTEGER, half TEXT); INSERT INTO probe_pairs VALUES (1, 'a'), (1, 'b')",
    );
    db.close();
    expect(readdirSync(dataDir)).not.toContain("snapshots");

    openDatabase(dataDir).close();
    const [snapshot, ...others] = readdirSync(snapshotsDir(dataDir));
    expect(others).toEqual([]);
    expect(snapshot).toContain(`-before-${allMigrations[older.length]?.id}.db`);
    const file = join(snapshotsDir(dataDir), snapshot as string);
    expect(rows(file, "SELECT count(*) FROM schema_migrations")).toBe(older.length);
    expect(rows(file)).toBe(2);

    // Rolling back: the snapshot goes back in place (and is migrated forward again on open).
    const r = await runCli(["restore", "--data", dataDir, "--from", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(rows(databasePath(dataDir))).toBe(2);
  });

  it("two snapshots in one second keep both (a restored older snapshot is migrated at once)", () => {
    const dataDir = join(work, "same-second");
    const older = allMigrations.slice(0, allMigrations.length - 1);
    openDatabase(dataDir, { migrations: older }).close();
    const at = new Date("2026-12-02T03:00:00.250Z");
    const db = new BetterSqlite3(databasePath(dataDir));
    try {
      const first = snapshotBeforeMigrations(db, dataDir, allMigrations, at);
      const second = snapshotBeforeMigrations(db, dataDir, allMigrations, at);
      expect(first).toBeDefined();
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      expect(readdirSync(snapshotsDir(dataDir)).sort()).toHaveLength(2);
    } finally {
      db.close();
    }
  });

  it("a new, empty store needs none", () => {
    const dataDir = join(work, "fresh");
    openDatabase(dataDir).close();
    expect(readdirSync(dataDir)).not.toContain("snapshots");
  });
});
