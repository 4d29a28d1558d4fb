import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, DAY_MS, seedTomatoFarm } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../../helpers/kiosk-station.js";
import { removeDir } from "../../helpers/station.js";

/**
 * Issue 12 over real HTTP on 127.0.0.1: the PIN cannot be brute-forced (in parallel or from
 * many addresses), public JSON holds only public data, and requests are refused in the right
 * order with the right status. Loops are bounded.
 */
const stations: KioskTestStation[] = [];
afterAll(async () => {
  for (const s of stations) {
    await s.stop();
    removeDir(s.dataDir);
  }
});

/** A request from a chosen loopback address (all of 127.0.0.0/8 is local on Linux). */
function fromAddress(
  baseUrl: string,
  localAddress: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; code: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      { method: "POST", headers, localAddress, agent: false },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => {
          body += d.toString();
        });
        res.on("end", () => {
          const parsed = body ? (JSON.parse(body) as { error?: { code?: string } }) : {};
          resolve({ status: res.statusCode ?? 0, code: parsed.error?.code });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("the kiosk PIN cannot be brute-forced", () => {
  it("300 parallel guesses from one address: fewer than 20 are checked, the right one among them is not let in", async () => {
    const t = await startKioskStation();
    stations.push(t);
    const api = apiClient(t.baseUrl);
    const guesses = Array.from({ length: 300 }, (_, i) => (i === 150 ? TEST_PIN : String(100000 + i)));
    const answers = await Promise.all(
      guesses.map((pin) => api.raw("POST", "/api/session", undefined, { "x-kiosk-pin": pin })),
    );
    const checked = answers.filter((a) => a.body.error?.code === "HTTP_PIN_WRONG" || a.status === 200);
    expect(checked.length).toBeLessThan(20);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(280);
    const locked = answers.find((a) => a.status === 429);
    expect(locked?.body.error.code).toBe("HTTP_PIN_LOCKED");
    expect(Number(locked?.body.error.retryAfterSeconds)).toBeGreaterThan(0);
    // Locked for everyone, the right PIN too, and an alarm says so.
    expect((await api.raw("POST", "/api/session", undefined, { "x-kiosk-pin": TEST_PIN })).status).toBe(429);
    expect(t.station.ops.alarms().map((a) => a.code)).toContain("HTTP_PIN_LOCKED");
  });

  it("30 addresses × 10 guesses: the lock is per station, fewer than 20 are checked", async () => {
    const t = await startKioskStation();
    stations.push(t);
    const perAddress = await Promise.all(
      Array.from({ length: 30 }, async (_, a) => {
        const statuses: number[] = [];
        for (let g = 0; g < 10; g++) {
          const pin = String(200000 + a * 10 + g);
          const r = await fromAddress(t.baseUrl, `127.0.0.${a + 2}`, "/api/session", { "x-kiosk-pin": pin });
          statuses.push(r.status);
        }
        return statuses;
      }),
    );
    const all = perAddress.flat();
    expect(all.filter((s) => s === 403).length).toBeLessThan(20);
    expect(all.filter((s) => s === 429).length).toBeGreaterThan(280);
  });
});

describe("public reads show only public data", () => {
  let t: KioskTestStation;
  let api: ReturnType<typeof apiClient>;
  let lot: string;
  const harvest = Date.parse("2026-05-10T09:00:00+08:00");

  beforeAll(async () => {
    t = await startKioskStation();
    stations.push(t);
    api = apiClient(t.baseUrl);
    await seedTomatoFarm(api);
    const opened = await api.kiosk("POST", "/api/batches", {
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: harvest - 30 * DAY_MS,
      note: "私密备注-客户张三欠款",
    });
    expect(opened.status).toBe(201);
    lot = opened.body.batch.lot;
    const input = await api.kiosk("POST", "/api/inputs", {
      siteId: "gh1",
      kind: "fertilizer",
      name: "复合肥",
      amount: 20,
      unit: "kg",
      intervalDays: 0,
      operator: "李操作员",
      appliedAt: harvest - 10 * DAY_MS,
    });
    expect(input.status).toBe(201);
  });

  it("the trace JSON has no operator name and no note, but what the page shows", async () => {
    const record = await api.get(`/api/trace/${lot}`);
    expect(record.status).toBe(200);
    const text = JSON.stringify(record.body);
    expect(text).not.toContain("李操作员");
    expect(text).not.toContain("私密备注");
    expect(text).not.toMatch(/"operator"|"note"|"issuedBy"|"deviceId"/);
    expect(record.body.inputs[0]).toMatchObject({ name: "复合肥", kind: "fertilizer" });
    expect(record.body.batch.lot).toBe(lot);
    const page = await api.get(`/t/${lot}`);
    expect(page.body).toContain("复合肥");
    expect(page.body).not.toContain("李操作员");
  });

  it("lists read without the PIN carry no operator name and no note; with the PIN they do", async () => {
    for (const path of ["/api/inputs", "/api/batches", `/api/batches/${lot}`]) {
      const anon = await api.get(path);
      expect(anon.status, path).toBe(200);
      expect(JSON.stringify(anon.body), path).not.toMatch(/李操作员|私密备注/);
    }
    expect(JSON.stringify((await api.kiosk("GET", "/api/inputs")).body)).toContain("李操作员");
    expect(JSON.stringify((await api.kiosk("GET", `/api/batches/${lot}`)).body)).toContain("私密备注");
    // Every other read answers too (no 500 from a response schema missing a removed field).
    for (const path of [
      "/api/tests",
      "/api/incoming",
      "/api/print-jobs",
      `/api/certificates?lot=${lot}`,
      "/api/scales",
      `/api/batches/${lot}/packages`,
    ]) {
      expect((await api.get(path)).status, path).toBeLessThan(500);
    }
    // A wrong PIN on a read is a wrong PIN, not a silent public answer.
    expect((await api.raw("GET", "/api/inputs", undefined, { "x-kiosk-pin": "000000" })).status).toBe(403);
  });

  it("with kiosk.listsNeedPin every list needs a role", async () => {
    const strict = await startKioskStation({ kiosk: { listsNeedPin: true } });
    stations.push(strict);
    const sapi = apiClient(strict.baseUrl);
    for (const path of ["/api/inputs", "/api/tests", "/api/batches", "/api/incoming", "/api/print-jobs"]) {
      const anon = await sapi.get(path);
      expect(anon.status, path).toBe(401);
      expect(anon.body.error.code).toBe("HTTP_AUTH_REQUIRED");
      expect((await sapi.kiosk("GET", path)).status, path).toBe(200);
    }
    expect((await sapi.get("/api/products")).status).toBe(200);
  });

  it("a 404 for a trace code does not echo the code", async () => {
    const probe = "PROBE<script>";
    const res = await api.get(`/api/trace/${encodeURIComponent(probe)}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("HTTP_NOT_FOUND");
    expect(JSON.stringify(res.body)).not.toContain("PROBE");
  });
});

describe("request hygiene", () => {
  let t: KioskTestStation;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    t = await startKioskStation();
    stations.push(t);
    api = apiClient(t.baseUrl);
  });

  it("an unauthenticated write with an invalid body gets 401, not a validation answer", async () => {
    const res = await api.raw(
      "POST",
      "/api/inputs",
      { nonsense: true },
      { "content-type": "application/json" },
    );
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("HTTP_AUTH_REQUIRED");
  });

  it("an oversized body gets 413 with a code", async () => {
    const big = { siteId: "gh1", name: "x".repeat(2 * 1024 * 1024) };
    const res = await api.kiosk("POST", "/api/inputs", big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("HTTP_BODY_TOO_LARGE");
    expect(res.body.error.remedy.zh).toBeTruthy();
  });
});
