import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../../broker/credentials.js";
import { EpcisRecordMapper } from "../../../edge/epcis/record-events.js";
import { apiClient, DAY_MS } from "../../helpers/kiosk-api.js";
import { TEST_ADMIN_TOKEN, TEST_PIN } from "../../helpers/kiosk-station.js";
import { ShiftedClock } from "../../helpers/shifted-clock.js";
import { removeDir, startTestStation, type TestStation } from "../../helpers/station.js";
import { compileSchemaFile, EPCIS_SCHEMA_FILE } from "../../helpers/uplink-ajv.js";

/**
 * Issue 19 through a running station's HTTP API: ear tags validated with code and reason, a
 * sheep inside a 28-day meat withdrawal refused from a sale on day 20 (naming the animal and
 * the day), accepted on day 28; the sale closed with its 动物检疫合格证明 number, the animal
 * marked sold and its history on record.
 */
let test: TestStation;
let api: ReturnType<typeof apiClient>;
// 2026-05-01 09:00 in Asia/Shanghai: treatment day; day 20 = 05-21, day 28 = 05-29.
const clock = new ShiftedClock(Date.parse("2026-05-01T01:00:00Z"));
const SHEEP = "3-630121-00000017";
const SHEEP_DIGITS = "363012100000017";

beforeAll(async () => {
  test = await startTestStation(
    {
      station: { code: "QH01", timezone: "Asia/Shanghai" },
      kiosk: { pinHash: await hashSecret(TEST_PIN), adminTokenHash: await hashSecret(TEST_ADMIN_TOKEN) },
    },
    { clock },
  );
  api = apiClient(`http://127.0.0.1:${test.station.ports.http}`);
  for (const [path, body] of [
    [
      "/api/subject",
      {
        name: "湟源县草原牧业合作社",
        kind: "producer",
        idNumber: "91350100M000100Y43",
        originRegion: "青海省西宁市湟源县",
        contact: "0971-1234567",
      },
    ],
    ["/api/products/mutton", { name: "藏羊（活畜）", category: "livestock", crop: "藏羊", unit: "kg" }],
    ["/api/sites/pen1", { name: "1号羊圈", kind: "pen" }],
  ] as const) {
    const res = await api.admin("PUT", path, body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
}, 30_000);

afterAll(async () => {
  await test?.stop();
  if (test) removeDir(test.dataDir);
});

describe("ear tags", () => {
  it("accepts a valid tag and names its species and county", async () => {
    const res = await api.kiosk("POST", "/api/animals/check-tag", { tag: "2-630121-00012345" });
    expect(res.status).toBe(200);
    expect(res.body.tag).toMatchObject({
      code: "263012100012345",
      species: "cattle",
      county: "630121",
      countyName: "青海省大通回族土族自治县",
      written: "2-630121-00012345",
    });
  });

  it.each([
    ["2-630121-0001234", "LIVESTOCK_TAG_LENGTH", /15位数字/],
    ["4-630121-00012345", "LIVESTOCK_TAG_SPECIES", /种类代码 4/],
    ["3-639999-00012345", "LIVESTOCK_TAG_COUNTY", /639999/],
  ])("refuses %s with %s and the reason", async (tag, code, reason) => {
    const res = await api.kiosk("POST", "/api/animals", { tag, species: "sheep" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(reason);
    expect(res.body.error.remedy.zh.length).toBeGreaterThan(5);
  });

  it("one animal, one tag: a second registration of the code is refused", async () => {
    const first = await api.kiosk("POST", "/api/animals", {
      tag: "3-630121-00000099",
      species: "sheep",
      arrivedOn: "2026-04-20",
      source: "湟源县某合作社",
    });
    expect(first.status).toBe(201);
    const again = await api.kiosk("POST", "/api/animals", { tag: "363012100000099", species: "sheep" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("LIVESTOCK_ANIMAL_EXISTS");
  });

  it("a replaced tag keeps both codes: the old code still finds the animal", async () => {
    await api.kiosk("POST", "/api/animals", { tag: "3-630121-00000201", species: "sheep" });
    const res = await api.kiosk("POST", "/api/animals/363012100000201/replace-tag", {
      newTag: "3-630121-00000202",
      reason: "脱落",
    });
    expect(res.status).toBe(200);
    expect(res.body.animal.tag).toBe("363012100000202");
    const byOld = await api.get("/api/animals/3-630121-00000201");
    expect(byOld.body.animal.tag).toBe("363012100000202");
    expect(byOld.body.animal.formerTags).toMatchObject([{ tag: "363012100000201", reason: "脱落" }]);
  });
});

describe("a sheep inside a 28-day meat withdrawal", () => {
  it("is refused from a sale on day 20 naming the animal and day 28, passes on day 28", async () => {
    const reg = await api.kiosk("POST", "/api/animals", {
      tag: SHEEP,
      species: "sheep",
      sex: "female",
      bornOn: "2025-03-02",
      siteId: "pen1",
    });
    expect(reg.status).toBe(201);
    const treat = await api.kiosk("POST", "/api/treatments", {
      tags: [SHEEP],
      drug: "氟苯尼考注射液",
      dose: "20 mg/kg",
      operator: "马兽医",
    });
    expect(treat.status).toBe(201);
    expect(treat.body.treatments).toMatchObject([
      { tag: SHEEP_DIGITS, meatDays: 28, appliedDay: "2026-05-01" },
    ]);

    clock.shift(20 * DAY_MS);
    const sale = await api.kiosk("POST", "/api/livestock-sales", {
      kind: "sale",
      destination: "西宁市屠宰场",
      productId: "mutton",
    });
    expect(sale.status).toBe(201);
    const number = sale.body.sale.number as string;
    const blocked = await api.kiosk("POST", `/api/livestock-sales/${number}/scan`, { code: SHEEP_DIGITS });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe("LIVESTOCK_WITHDRAWAL");
    expect(blocked.body.error.message).toContain(SHEEP);
    expect(blocked.body.error.message).toContain("氟苯尼考注射液");
    expect(blocked.body.error.message).toContain("2026-05-29");
    expect(blocked.body.error.earliestDay).toBe("2026-05-29");

    clock.shift(8 * DAY_MS);
    const passed = await api.kiosk("POST", `/api/livestock-sales/${number}/scan`, {
      code: SHEEP,
      weightKg: 41.5,
    });
    expect(passed.status).toBe(200);
    expect(passed.body.sale).toMatchObject({ heads: 1, totalKg: 41.5 });
    // Scanned twice, counted once.
    const twice = await api.kiosk("POST", `/api/livestock-sales/${number}/scan`, { code: SHEEP });
    expect(twice.body.sale.heads).toBe(1);

    const noCert = await api.kiosk("POST", `/api/livestock-sales/${number}/close`, {});
    expect(noCert.body.error.code).toBe("LIVESTOCK_QUARANTINE_MISSING");
    const closed = await api.kiosk("POST", `/api/livestock-sales/${number}/close`, {
      quarantineNo: "6300123456",
    });
    expect(closed.status).toBe(200);
    expect(closed.body.sale).toMatchObject({ state: "closed", quarantineNo: "6300123456", heads: 1 });

    const history = await api.get(`/api/animals/${SHEEP_DIGITS}`);
    expect(history.body.animal.status).toBe("sold");
    expect(history.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
      "born",
      "treatment",
      "weight",
      "sale",
    ]);
    expect(history.body.entries.at(-1).text.zh).toContain("6300123456");

    // The sale became a batch: its certificate and trace page carry the quarantine number.
    const lot = closed.body.sale.lot as string;
    expect(lot).toMatch(/^QH01/);
    const cert = await api.kiosk("POST", "/api/certificates", {
      lot,
      basis: ["quality_control"],
      print: false,
    });
    expect(cert.status, JSON.stringify(cert.body)).toBe(201);
    expect(cert.body.certificate.content).toMatchObject({ quarantineNo: "6300123456", quantity: 41.5 });
    const page = await api.get(`/t/${lot}`);
    expect(page.body).toContain("动物检疫合格证明");
    expect(page.body).toContain("6300123456");

    // The animal's own trace page by ear tag: birth, treatment, weight, sale.
    const animalPage = await api.get(`/t/animal/${SHEEP_DIGITS}`);
    expect(animalPage.status).toBe(200);
    for (const text of [
      "3-630121-00000017",
      "本场出生",
      "氟苯尼考注射液",
      "休药期 28 天",
      "41.5 kg",
      "6300123456",
    ]) {
      expect(animalPage.body).toContain(text);
    }
    expect((await api.get("/t/animal/363012199999999")).status).toBe(404);

    // EPCIS: the animal is an instance-level identifier in its commissioning and in the shipping.
    const doc = await api.get(`/api/livestock-sales/${number}/epcis`);
    expect(doc.status).toBe(200);
    const validate = compileSchemaFile(EPCIS_SCHEMA_FILE);
    expect(validate(doc.body), JSON.stringify(validate.errors)).toBe(true);
    const events = doc.body.epcisBody.eventList as Array<{ bizStep: string; epcList: string[] }>;
    const epc = `urn:trace-station:eartag:${SHEEP_DIGITS}`;
    expect(events.map((e) => e.bizStep)).toEqual(["commissioning", "shipping"]);
    for (const e of events) expect(e.epcList).toContain(epc);
    expect(doc.body.epcisBody.eventList[1]["ts:quarantineCertificate"]).toBe("6300123456");

    // Upward: the station's own JSON records, and the same events through the EPCIS sinks.
    const outbox = test.station.db
      .prepare("SELECT kind, payload FROM outbox WHERE stream = 'livestock' ORDER BY id")
      .all() as Array<{ kind: string; payload: string }>;
    expect(new Set(outbox.map((o) => o.kind))).toEqual(
      new Set(["animal", "animal.tag_replaced", "animal.treatment", "livestock_sale.closed"]),
    );
    const closedRecord = outbox.find((o) => o.kind === "livestock_sale.closed");
    const mapper = new EpcisRecordMapper(test.station.domain, test.station.config.station, test.station.db);
    const mapped = mapper.outbox("livestock_sale.closed", JSON.parse(closedRecord?.payload ?? "{}"));
    expect(mapped.map((e) => e.eventID)).toEqual(
      events.map((e) => (e as unknown as { eventID: string }).eventID),
    );
  });

  it("a cow's 弃奶期 blocks a batch of her pen's milk, naming the drug and the earliest day", async () => {
    await api.admin("PUT", "/api/sites/dairy1", { name: "奶牛舍", kind: "pen" });
    await api.admin("PUT", "/api/products/milk", {
      name: "生牛乳",
      category: "livestock",
      crop: "奶牛",
      unit: "kg",
    });
    await api.kiosk("POST", "/api/animals", {
      tag: "2-630121-00000801",
      species: "cattle",
      sex: "female",
      siteId: "dairy1",
    });
    const treated = await api.kiosk("POST", "/api/treatments", {
      siteId: "dairy1",
      drug: "土霉素片",
      operator: "马兽医",
    });
    expect(treated.body.treatments).toMatchObject([{ milkDays: 3, meatDays: 7 }]);
    const milkBatch = async () => {
      const opened = await api.kiosk("POST", "/api/batches", {
        productId: "milk",
        siteIds: ["dairy1"],
        windowStart: clock.now() - 3_600_000,
      });
      const lot = opened.body.batch.lot as string;
      await api.kiosk("POST", `/api/batches/${lot}/packages`, {
        netKg: 20,
        weighedAt: clock.now(),
        print: false,
      });
      await api.kiosk("POST", `/api/batches/${lot}/close`, { harvestAt: clock.now() });
      return (await api.get(`/api/batches/${lot}/compliance?basis=quality_control`)).body;
    };
    const day1 = await milkBatch();
    expect(day1.ok).toBe(false);
    expect(JSON.stringify(day1.blocks)).toContain("土霉素片");
    const withdrawal = await api.get("/api/animals/263012100000801/withdrawal?for=milk");
    expect(withdrawal.body.ok).toBe(false);
    expect(day1.earliestDay).toBe(withdrawal.body.blocks[0].earliestDay);
    clock.shift(3 * DAY_MS);
    expect((await milkBatch()).ok).toBe(true);
    expect((await api.get("/api/animals/263012100000801/withdrawal?for=milk")).body.ok).toBe(true);
  });

  it("an animal given a drug banned for food animals (公告第250号) never leaves for food", async () => {
    await api.kiosk("POST", "/api/animals", { tag: "3-630121-00000901", species: "sheep", siteId: "pen1" });
    const treat = await api.kiosk("POST", "/api/treatments", {
      tags: ["363012100000901"],
      drug: "盐酸克仑特罗",
      meatDays: 0,
    });
    expect(treat.status).toBe(201);
    clock.shift(60 * DAY_MS);
    const sale = await api.kiosk("POST", "/api/livestock-sales", { kind: "slaughter" });
    const res = await api.kiosk("POST", `/api/livestock-sales/${sale.body.sale.number}/scan`, {
      code: "363012100000901",
    });
    expect(res.body.error.code).toBe("LIVESTOCK_BANNED_DRUG");
    expect(res.body.error.message).toContain("克仑特罗");
    expect(res.body.error.message).toContain("公告第250号");
  });

  it("a sale for a certificate weighs every head", async () => {
    await api.kiosk("POST", "/api/animals", { tag: "3-630121-00000501", species: "sheep", siteId: "pen1" });
    const sale = await api.kiosk("POST", "/api/livestock-sales", { kind: "slaughter", productId: "mutton" });
    const number = sale.body.sale.number as string;
    await api.kiosk("POST", `/api/livestock-sales/${number}/scan`, { code: "363012100000501" });
    const res = await api.kiosk("POST", `/api/livestock-sales/${number}/close`, { quarantineNo: "6300999" });
    expect(res.body.error.code).toBe("LIVESTOCK_SALE_UNWEIGHED");
    expect((await api.get("/api/animals/363012100000501")).body.animal.status).toBe("on_farm");
  });
});
