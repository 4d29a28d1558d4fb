import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AcceptedMessage } from "../../../edge/intake/decode.js";
import type { DerivedHook } from "../../../edge/intake/derived-writes.js";
import { prepareGroupWriter } from "../../../edge/intake/write-group.js";
import type { WriteItem } from "../../../edge/intake/write-item.js";
import { allMigrations } from "../../../edge/store/all-migrations.js";
import { type Database, migrate, openDatabase } from "../../../edge/store/database.js";

/**
 * Exactly-once without the (device_id, msg_id) index (issue 16, edge/intake/message-keys.ts):
 * the recent keys live in the writer's memory and are folded into message_keys in bulk. A
 * resend is refused whether its key is recent, folded, or was stored before a restart; a
 * rolled-back group takes no key; an existing store's keys are carried over by the migration.
 */
let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "message-keys-"));
});
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const reading = (deviceId: string, msgId: string): WriteItem => {
  const m: AcceptedMessage = {
    deviceId,
    kind: "reading",
    msgId,
    ts: 1_000,
    receivedAt: 1_000,
    payload: JSON.stringify({ msgId, values: { air_temp: 21 } }),
    values: [["air_temp", 21]],
  };
  return { t: "msg", m };
};

const stored = (ids: number[]) => ids.map((id) => id !== 0);
const count = (sql: string) => db.prepare(sql).pluck().get() as number;

describe("message keys", () => {
  it("refuse a resend whether its key is recent, folded, or from before a restart", () => {
    db = openDatabase(dir);
    const write = prepareGroupWriter(db, [], { foldKeysAt: 4 });
    expect(stored(write([reading("a", "1"), reading("a", "2"), reading("b", "1")]))).toEqual([
      true,
      true,
      true,
    ]);
    // Recent: in memory only, nothing folded yet; a duplicate inside one group too.
    expect(count("SELECT count(*) FROM message_keys")).toBe(0);
    expect(stored(write([reading("a", "2"), reading("a", "3"), reading("a", "3")]))).toEqual([
      false,
      true,
      false,
    ]);
    // The fourth key crossed the mark: folded in that commit.
    expect(count("SELECT count(*) FROM message_keys")).toBe(4);
    expect(stored(write([reading("a", "1"), reading("b", "1"), reading("b", "2")]))).toEqual([
      false,
      false,
      true,
    ]);
    // A new writer (a restart, or a SIGKILL) reloads the keys stored after the last fold.
    const again = prepareGroupWriter(db, [], { foldKeysAt: 4 });
    expect(stored(again([reading("b", "2"), reading("a", "3"), reading("c", "1")]))).toEqual([
      false,
      false,
      true,
    ]);
    expect(count("SELECT count(*) FROM messages")).toBe(6);
  });

  it("take no key in a group that rolled back, so the device's resend is stored", () => {
    db = openDatabase(dir);
    let failing = true;
    const failingHook: DerivedHook = {
      name: "fails-once",
      prepare: () => ({
        add() {
          if (failing) throw new Error("disk I/O error");
        },
        write() {},
        clear() {},
      }),
    };
    const write = prepareGroupWriter(db, [failingHook]);
    expect(() => write([reading("a", "1")])).toThrow("disk I/O error");
    expect(count("SELECT count(*) FROM messages")).toBe(0);
    failing = false;
    expect(stored(write([reading("a", "1")]))).toEqual([true]);
    expect(stored(write([reading("a", "1")]))).toEqual([false]);
    expect(count("SELECT count(*) FROM messages")).toBe(1);
  });

  it("fold at start what something else stored past the mark, instead of holding it in memory", () => {
    db = openDatabase(dir);
    const insert = db.prepare(
      "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES ('a', 'reading', ?, 1, 1, '{}')",
    );
    for (let i = 0; i < 5; i++) insert.run(`x${i}`);
    const write = prepareGroupWriter(db, [], { foldKeysAt: 4 });
    expect(count("SELECT count(*) FROM message_keys")).toBe(5);
    expect(stored(write([reading("a", "x0"), reading("a", "x4"), reading("a", "x5")]))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it("carry an existing store's keys over when the migration runs", () => {
    const before = allMigrations.filter((m) => m.id !== "keys-001-message-keys");
    db = openDatabase(dir, { migrations: before });
    const insert = db.prepare(
      "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES (?, 'reading', ?, 1, 1, '{}')",
    );
    insert.run("a", "old-1");
    insert.run("a", null);
    expect(() => insert.run("a", "old-1")).toThrow(/UNIQUE/);
    migrate(db, allMigrations);
    expect(count("SELECT count(*) FROM message_keys")).toBe(1);
    expect(count("SELECT count(*) FROM sqlite_schema WHERE name = 'messages_device_msg_id'")).toBe(0);
    const write = prepareGroupWriter(db, []);
    expect(stored(write([reading("a", "old-1"), reading("a", "new-1")]))).toEqual([false, true]);
  });
});
