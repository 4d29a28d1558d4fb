import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databasePath } from "../../../edge/store/database.js";
import { cliOk, runCli } from "../../helpers/cli.js";

/**
 * The audit trail as a technician checks it: writes made through the CLI are chained, and a
 * row edited or deleted straight in the SQLite file (its guard triggers dropped first, as a
 * tamperer would) is named by `audit --verify`, which then exits non-zero.
 */
describe("trace-station audit --verify", () => {
  let dir = "";
  let config = "";
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "audit-verify-"));
    config = join(dir, "station.json");
    writeFileSync(config, JSON.stringify({ dataDir: join(dir, "data") }));
    await cliOk([
      "operator",
      "add",
      "--config",
      config,
      "--name",
      "王芳",
      "--role",
      "worker",
      "--pin",
      "2468",
    ]);
    await cliOk([
      "operator",
      "add",
      "--config",
      config,
      "--name",
      "李强",
      "--role",
      "supervisor",
      "--pin",
      "1357",
    ]);
    await cliOk(["operator", "pin", "001", "--config", config, "--pin", "8642"]);
    await cliOk(["operator", "disable", "002", "--config", config]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const tamper = (sql: string): void => {
    const db = new BetterSqlite3(databasePath(join(dir, "data")));
    db.exec("DROP TRIGGER IF EXISTS audit_log_append_only; DROP TRIGGER IF EXISTS audit_log_no_delete;");
    db.exec(sql);
    db.close();
  };

  it("lists who changed what, and passes on an untouched store", async () => {
    const rows = (await cliOk(["audit", "--config", config, "--json"])).stdout
      .trim()
      .split("\n")
      .map(
        (l) => JSON.parse(l) as { seq: number; kind: string; op: string; actorName: string; change: string },
      );
    expect(rows.map((r) => [r.kind, r.op])).toEqual([
      ["operators", "insert"],
      ["operators", "insert"],
      ["operators", "update"],
      ["operators", "update"],
    ]);
    expect(rows[0]?.actorName).toMatch(/^cli:/);
    // The PIN hash never reaches the trail.
    expect(rows.some((r) => r.change.includes("scrypt"))).toBe(false);
    const verify = await runCli(["audit", "--verify", "--config", config]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain("4 rows");
  });

  it("queues every sealed row upward in the outbox, with its hash", async () => {
    const db = new BetterSqlite3(databasePath(join(dir, "data")), { readonly: true });
    const rows = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq").all() as Array<{
      seq: number;
      hash: string;
    }>;
    const upward = db
      .prepare("SELECT record_id, kind, payload FROM outbox WHERE stream = 'audit' ORDER BY id")
      .all() as Array<{ record_id: string; kind: string; payload: string }>;
    db.close();
    expect(upward.map((u) => u.record_id)).toEqual(rows.map((r) => `audit:${r.seq}`));
    expect(upward.every((u) => u.kind === "audit")).toBe(true);
    expect(upward.map((u) => JSON.parse(u.payload).hash)).toEqual(rows.map((r) => r.hash));
    expect(JSON.parse(upward[0]?.payload ?? "{}")).toMatchObject({
      kind: "operators",
      op: "insert",
      change: { name: "王芳", role: "worker" },
    });
  });

  it("names the edited row", async () => {
    tamper(`UPDATE audit_log SET change = replace(change, '王芳', '张三') WHERE seq = 1`);
    const verify = await runCli(["audit", "--verify", "--config", config]);
    expect(verify.status).not.toBe(0);
    expect(verify.stderr).toContain("AUDIT_CHAIN_BROKEN");
    expect(verify.stderr).toContain("row 1");
  });

  it("names the place of a deleted row, in the middle and at the end", async () => {
    tamper("DELETE FROM audit_log WHERE seq = 2");
    const middle = await runCli(["audit", "--verify", "--config", config]);
    expect(middle.status).not.toBe(0);
    expect(middle.stderr).toContain("row 3");
    tamper("DELETE FROM audit_log WHERE seq >= 3");
    const end = await runCli(["audit", "--verify", "--config", config]);
    expect(end.status).not.toBe(0);
    expect(end.stderr).toContain("row 2");
  });

  it("refuses edits and deletions through SQL while the guard triggers stand", () => {
    const db = new BetterSqlite3(databasePath(join(dir, "data")));
    expect(() => db.exec("UPDATE audit_log SET actor_name = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => db.exec("DELETE FROM audit_log WHERE seq = 1")).toThrow(/append-only/);
    db.close();
  });
});
