import { statSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { AcceptedMessage } from "../../../edge/intake/decode.js";
import { WorkerStoreWriter } from "../../../edge/intake/store-writer.js";
import type { WriteItem } from "../../../edge/intake/write-item.js";
import { databasePath, openDatabase } from "../../../edge/store/database.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * The writer thread checkpoints between its commits (edge/intake/writer-worker.ts): what it
 * committed reaches the database file an interval later, with no thread of its own, while
 * commits go on. Nothing else here checkpoints: every other connection's threshold is 20,000
 * pages.
 */
let dir: string;
afterEach(() => removeDir(dir));

const readings = (from: number, n: number): WriteItem[] =>
  Array.from({ length: n }, (_, i): WriteItem => {
    const msgId = `r${from + i}`;
    const m: AcceptedMessage = {
      deviceId: "th-1",
      kind: "reading",
      msgId,
      ts: 1_780_000_000_000 + from + i,
      receivedAt: 1_780_000_000_000 + from + i,
      payload: JSON.stringify({ msgId, values: { air_temp: 20 } }),
      values: [["air_temp", 20]],
    };
    return { t: "msg", m };
  });

describe("writer checkpoints", () => {
  it("copy what was committed into the database file an interval later, between commits", async () => {
    dir = tempDir("writer-checkpoints");
    openDatabase(dir).close();
    const file = databasePath(dir);
    const writer = new WorkerStoreWriter(file, 0, 300);
    await writer.start();
    const before = statSync(file).size;
    await writer.write(readings(0, 2000));
    // Committed, in the WAL only.
    expect(statSync(file).size).toBe(before);
    for (let i = 1; i <= 8; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await writer.write(readings(i * 100_000, 10));
    }
    expect(statSync(file).size).toBeGreaterThan(before + 2000 * 100);
    await writer.close();
    const db = openDatabase(dir, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM messages").pluck().get()).toBe(2080);
    db.close();
  });
});
