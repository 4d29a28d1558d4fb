import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../../edge/config/load.js";
import { systemClock } from "../../../edge/core/clock.js";
import { openDatabase } from "../../../edge/store/database.js";
import { queueRetries } from "../../../edge/uplink/retry.js";
import { Uplink } from "../../../edge/uplink/uplink.js";
import { waitFor } from "../../helpers/poll.js";
import { insertDomainRecords, insertReadings } from "../../helpers/uplink-fixtures.js";
import { selfSignedCert } from "../../helpers/uplink-tls.js";

interface Attempt {
  key: string | undefined;
  auth: string | undefined;
  ids: string[];
  answer: string;
}

type Script = (ids: string[], attempt: number) => { status: number; body?: string } | "hang";

/** An HTTPS receiver with a scripted misbehaviour per request. */
async function receiver(dir: string, script: Script) {
  const { cert, key, certFile } = selfSignedCert(dir);
  const attempts: Attempt[] = [];
  const accepted: Array<{ id: string; stream: string; seq: number }> = [];
  const server: Server = createServer({ cert, key }, (req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => {
      text += c.toString();
    });
    req.on("end", () => {
      const body = JSON.parse(text) as { records: Array<{ id: string; stream: string; seq: number }> };
      const ids = body.records.map((r) => r.id);
      const answer = script(ids, attempts.length);
      attempts.push({
        key: req.headers["idempotency-key"] as string | undefined,
        auth: req.headers.authorization,
        ids,
        answer: answer === "hang" ? "hang" : String(answer.status),
      });
      if (answer === "hang") return; // never answers: the sink's timeout must fire
      if (answer.status < 300) accepted.push(...body.records);
      res.writeHead(answer.status, { "content-type": "text/plain" });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}/records`,
    certFile,
    attempts,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("HTTPS sink", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it("retries 5xx and timeouts with the same idempotency keys, keeps a 4xx record as failed with its reason, and sends it after uplink retry", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uplink-https-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = openDatabase(join(dir, "data"));
    cleanups.push(() => {
      db.close();
    });
    insertDomainRecords(db, "tests", "test", 6);
    insertReadings(db, "sensor-1", 5);

    let refuse = true;
    const server = await receiver(dir, (ids, attempt) => {
      if (attempt === 0) return { status: 503, body: "maintenance" };
      if (attempt === 1) return "hang";
      if (attempt === 2) return { status: 500 };
      if (refuse && ids.includes("test:3")) return { status: 422, body: "unit 缺失 / unit missing" };
      return { status: 201 };
    });
    cleanups.push(() => server.close());

    const { config } = validateConfig({
      station: { code: "ST01" },
      uplink: {
        sinks: [
          {
            type: "https",
            name: "platform",
            url: server.url,
            ca: server.certFile,
            token: "s3cret",
            batchSize: 4,
            timeoutMs: 500,
          },
        ],
        backoff: { initialMs: 50, maxMs: 200 },
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

    const expectedIds = [
      ...Array.from({ length: 6 }, (_, i) => `test:${i}`),
      ...Array.from({ length: 5 }, (_, i) => `ST01:msg:${i + 1}`),
    ];
    await waitFor(
      () => {
        const got = new Set(server.accepted.map((r) => r.id));
        return expectedIds.every((id) => id === "test:3" || got.has(id));
      },
      { what: "everything but the refused record", timeoutMs: 60_000 },
    );
    // The receiver has the records before the sink has its answer: wait for the sink's view.
    await waitFor(
      () => {
        const s = uplink.status().sinks[0];
        return s?.failed === 1 && s.backlog === 0;
      },
      { what: "status to show the failure and no backlog", timeoutMs: 60_000 },
    );

    // The first batch went four times (503, timeout, 500, 2xx) byte for byte: same ids, same key.
    const first = server.attempts.slice(0, 4);
    expect(first.map((a) => a.answer)).toEqual(["503", "hang", "500", "201"]);
    expect(new Set(first.map((a) => a.ids.join(","))).size).toBe(1);
    expect(new Set(first.map((a) => a.key)).size).toBe(1);
    expect(first[0]?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(server.attempts.every((a) => a.auth === "Bearer s3cret")).toBe(true);

    // The refused batch was split; only test:3 is kept, with the receiver's reason.
    expect(server.accepted.some((r) => r.id === "test:3")).toBe(false);
    const status = uplink.status().sinks[0];
    expect(status).toMatchObject({ name: "platform", type: "https", failed: 1, backlog: 0 });
    expect(status?.lastError).toContain("UPLINK_HTTP_REJECTED");
    const failure = db.prepare("SELECT record_id, state, reason FROM uplink_failures").get() as {
      record_id: string;
      reason: string;
    };
    expect(failure.record_id).toBe("test:3");
    expect(failure.reason).toContain("422");
    expect(failure.reason).toContain("unit missing");

    // Order within each stream holds among what was accepted.
    const lastSeq = new Map<string, number>();
    for (const r of server.accepted) {
      expect(r.seq).toBeGreaterThan(lastSeq.get(r.stream) ?? 0);
      lastSeq.set(r.stream, r.seq);
    }

    // The operator fixes the cause and retries: the record goes, the failure is gone.
    refuse = false;
    expect(queueRetries(db, "platform")).toBe(1);
    await waitFor(() => server.accepted.some((r) => r.id === "test:3"), {
      what: "the retried record",
      timeoutMs: 60_000,
    });
    // The server answers before the station has taken its answer in: wait for both.
    await waitFor(() => uplink.status().sinks[0]?.failed === 0 && uplink.status().sinks[0]?.backlog === 0, {
      what: "no failure and no backlog left",
      timeoutMs: 60_000,
    });
  });
});
