import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, DAY_MS, seedTomatoFarm, TEST_GTIN } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { removeDir } from "../../helpers/station.js";

let t: KioskTestStation;
let api: ReturnType<typeof apiClient>;
const harvest = Date.parse("2026-05-10T09:00:00+08:00");

beforeAll(async () => {
  t = await startKioskStation();
  api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
});

afterAll(async () => {
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

describe("batch → packages → certificate through the REST API", () => {
  let lot: string;

  it("opens a batch and weighs packages into it", async () => {
    const opened = await api.kiosk("POST", "/api/batches", {
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: harvest - 30 * DAY_MS,
    });
    expect(opened.status).toBe(201);
    lot = opened.body.batch.lot;
    const pkg = await api.kiosk("POST", `/api/batches/${lot}/packages`, {
      netKg: 2.5,
      weighedAt: harvest,
      print: false,
    });
    expect(pkg.status).toBe(201);
    expect(pkg.body.package.serial).toBe(`${lot}-001`);
    const view = await api.get(`/api/batches/${lot}`);
    expect(view.body.totals).toEqual({ count: 1, netKg: 2.5 });
    expect(view.body.product.name).toBe("番茄");
  });

  it("records a scanned supplier lot straight into the batch", async () => {
    const scanned = await api.kiosk("POST", "/api/incoming", {
      rawCode: "https://trace.example.cn/t/SUP-0007",
      supplier: "闽侯县青口镇合作社",
      receivedAt: harvest - DAY_MS,
      lot,
    });
    expect(scanned.status).toBe(201);
    expect(scanned.body.incoming.status).toBe("received");
    const record = await api.get(`/api/trace/${lot}`);
    expect(record.body.incomingLots.map((l: { supplier: string }) => l.supplier)).toEqual([
      "闽侯县青口镇合作社",
    ]);
    const unknownBatch = await api.kiosk("POST", "/api/incoming", {
      rawCode: "X-1",
      receivedAt: harvest,
      lot: "NOPE",
    });
    expect(unknownBatch.status).toBe(404);
    // Refused as a whole: the lot was not stored without its batch.
    expect((await api.get("/api/incoming")).body.incoming).toHaveLength(1);
  });

  it("reports a compliance block in plain fields: the input, its day and the earliest allowed day", async () => {
    // Bifenthrin on greenhouse tomato: 4-day interval (DOMAIN.md §4), applied 3 days before harvest.
    const input = await api.kiosk("POST", "/api/inputs", {
      siteId: "gh1",
      kind: "pesticide",
      name: "联苯菊酯",
      regNo: "PD20080005",
      amount: 0.2,
      unit: "L",
      intervalDays: 4,
      operator: "王师傅",
      appliedAt: harvest - 3 * DAY_MS,
    });
    expect(input.status).toBe(201);
    expect((await api.kiosk("POST", `/api/batches/${lot}/close`, { harvestAt: harvest })).status).toBe(200);
    const check = await api.get(`/api/batches/${lot}/compliance?basis=quality_control`);
    expect(check.body.ok).toBe(false);
    expect(check.body.blocks[0]).toMatchObject({
      kind: "interval",
      input: "联苯菊酯",
      appliedDay: "2026-05-07",
      earliestDay: "2026-05-11",
    });

    const refused = await api.kiosk("POST", "/api/certificates", {
      lot,
      basis: ["quality_control"],
      print: false,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("DOMAIN_COMPLIANCE_BLOCKED");
    expect(refused.body.error.blocks[0].earliestDay).toBe("2026-05-11");
  });

  it("refuses an override from the kiosk PIN and accepts it from the admin token", async () => {
    const body = {
      lot,
      basis: ["quality_control"],
      print: false,
      override: { supervisor: "李主管", reason: "复检合格，经主管放行" },
    };
    const asKiosk = await api.kiosk("POST", "/api/certificates", body);
    expect(asKiosk.status).toBe(403);
    expect(asKiosk.body.error.code).toBe("HTTP_ADMIN_REQUIRED");
    const asAdmin = await api.admin("POST", "/api/certificates", body);
    expect(asAdmin.status).toBe(201);
    expect(asAdmin.body.certificate.overrideId).not.toBeNull();
  });

  it("voids only with the admin token and a reason", async () => {
    const [cert] = (await api.get(`/api/certificates?lot=${lot}`)).body.certificates;
    const asKiosk = await api.kiosk("POST", `/api/certificates/${cert.number}/void`, { reason: "数量填错" });
    expect(asKiosk.body.error.code).toBe("HTTP_ADMIN_REQUIRED");
    const voided = await api.admin("POST", `/api/certificates/${cert.number}/void`, { reason: "数量填错" });
    expect(voided.body.certificate.status).toBe("void");
  });

  it("serves the public trace page by package serial and by GS1 Digital Link", async () => {
    const page = await api.get(`/t/${lot}-001`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("番茄");
    expect(page.body).toContain(`${lot}-001`);
    expect(page.body).toContain("联苯菊酯");
    expect(page.body).toContain("已作废");
    // Record text reaches this page from devices and workers: no script may ever run on it.
    const headers = (await fetch(`${t.baseUrl}/t/${lot}`)).headers;
    expect(headers.get("content-security-policy")).toContain("default-src 'none'");
    const dl = await api.get(`/01/${TEST_GTIN}/10/${lot}/21/1`);
    expect(dl.status).toBe(200);
    expect(dl.body).toContain("本包装");
    expect((await api.get(`/01/06901234567885/10/${lot}`)).status).toBe(404);
    expect((await api.get("/t/NOPE")).status).toBe(404);
  });

  it("validates bodies at the boundary with a coded 400", async () => {
    const bad = await api.kiosk("POST", "/api/batches", { productId: "tomato" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("HTTP_BAD_REQUEST");
  });
});
