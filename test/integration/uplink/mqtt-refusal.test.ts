import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Aedes } from "aedes";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../../edge/config/load.js";
import { systemClock } from "../../../edge/core/clock.js";
import { openDatabase } from "../../../edge/store/database.js";
import { enqueueOutbox } from "../../../edge/store/outbox.js";
import { Uplink } from "../../../edge/uplink/uplink.js";
import { waitFor } from "../../helpers/poll.js";
import { insertReadings } from "../../helpers/uplink-fixtures.js";

describe("MQTT sink and a record the upstream refuses", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it("keeps the record the broker drops the connection on as refused, and delivers the rest in order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uplink-refusal-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const received: Array<{ id: string; stream: string; seq: number }> = [];
    let poisonAttempts = 0;
    // An ACL that refuses one record: MQTT 3.1.1 can only close the connection (§3.3.5).
    const broker = new Aedes({
      authorizePublish: (_client, packet, done) => {
        if (packet.payload.toString().includes('"kind":"oversized"')) {
          poisonAttempts++;
          done(new Error("refused"));
        } else done(null);
      },
    });
    await broker.listen();
    broker.on("publish", (packet, client) => {
      if (client)
        received.push(JSON.parse(packet.payload.toString()) as { id: string; stream: string; seq: number });
    });
    const tcp = createServer(broker.handle);
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => broker.close(() => tcp.close(() => resolve()))));

    const db = openDatabase(join(dir, "data"));
    cleanups.push(() => {
      db.close();
    });
    db.transaction(() => {
      for (let i = 0; i < 7; i++) {
        enqueueOutbox(db, {
          stream: "tests",
          recordId: `test:${i}`,
          kind: i === 3 ? "oversized" : "test",
          payload: { n: i },
        });
      }
    })();
    insertReadings(db, "air-1", 3);

    const { config } = validateConfig({
      uplink: {
        sinks: [
          {
            type: "mqtt",
            name: "up",
            url: `mqtt://127.0.0.1:${(tcp.address() as { port: number }).port}`,
            inFlight: 4,
          },
        ],
        backoff: { initialMs: 20, maxMs: 100 },
      },
    });
    const uplink = new Uplink({
      db,
      config: config.uplink,
      station: "ST01",
      clock: systemClock,
      log: pino({ level: "silent" }),
    });
    await uplink.start();
    cleanups.push(() => uplink.stop());

    await waitFor(
      () => {
        const s = uplink.status().sinks[0];
        return s?.failed === 1 && s.backlog === 0;
      },
      { what: "the refused record kept and the rest delivered", timeoutMs: 60_000 },
    );
    const first = new Map<string, { stream: string; seq: number }>();
    for (const r of received) if (!first.has(r.id)) first.set(r.id, r);
    expect([...first.keys()].filter((id) => id.startsWith("test:"))).toEqual([
      "test:0",
      "test:1",
      "test:2",
      "test:4",
      "test:5",
      "test:6",
    ]);
    expect([...first.keys()].filter((id) => id.startsWith("ST01:msg:"))).toHaveLength(3);
    // Found by sending one record at a time, then refused after repeated losses on it alone.
    expect(poisonAttempts).toBeGreaterThanOrEqual(3);
    const failure = db.prepare("SELECT record_id, reason FROM uplink_failures").get() as {
      record_id: string;
      reason: string;
    };
    expect(failure.record_id).toBe("test:3");
    expect(failure.reason).toContain("3.3.5");
    expect(uplink.status().sinks[0]?.lastError).toContain("UPLINK_PUBLISH_FAILED");
  });
});
