import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiAnswer, apiClient, DAY_MS, seedTomatoFarm } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { SseReader } from "../../helpers/sse-reader.js";
import { removeDir } from "../../helpers/station.js";

/**
 * Issue 20 acceptance: the compliance gate through the REST API of a running station, one
 * scenario per point, each asserting the reason text a worker or supervisor reads.
 */
let t: KioskTestStation;
let api: ReturnType<typeof apiClient>;
const HARVEST = Date.parse("2026-05-10T09:00:00+08:00");

const ok = (a: ApiAnswer, status = 201) => {
  if (a.status !== status) throw new Error(`expected ${status}, got ${a.status}: ${JSON.stringify(a.body)}`);
  return a.body;
};

let siteSeq = 0;
/** A fresh site (so scenarios do not share inputs) and a product. */
async function site(kind: "greenhouse" | "pen" | "plot" = "greenhouse"): Promise<string> {
  const id = `s${++siteSeq}`;
  ok(await api.admin("PUT", `/api/sites/${id}`, { name: `${id}号`, kind }), 200);
  return id;
}

async function input(siteId: string, fields: Record<string, unknown>): Promise<ApiAnswer> {
  return api.kiosk("POST", "/api/inputs", {
    siteId,
    kind: "pesticide",
    amount: 1,
    unit: "mL",
    intervalDays: 0,
    operator: "王师傅",
    appliedAt: HARVEST - 10 * DAY_MS,
    ...fields,
  });
}

/** A closed batch of `product` on `siteId` harvested at `harvest`, with one package. */
async function batch(product: string, siteId: string | null, harvest = HARVEST): Promise<string> {
  const opened = ok(
    await api.kiosk("POST", "/api/batches", {
      productId: product,
      siteIds: siteId ? [siteId] : [],
      windowStart: harvest - 40 * DAY_MS,
    }),
  );
  const lot = opened.batch.lot as string;
  ok(await api.kiosk("POST", `/api/batches/${lot}/packages`, { netKg: 3, weighedAt: harvest, print: false }));
  ok(await api.kiosk("POST", `/api/batches/${lot}/close`, { harvestAt: harvest }), 200);
  return lot;
}

async function gate(lot: string, basis = "quality_control") {
  return (await api.get(`/api/batches/${lot}/compliance?basis=${basis}`)).body as {
    ok: boolean;
    blocks: Array<{ kind: string; substance?: string; message: string }>;
  };
}

const issue = (lot: string, basis: string[] = ["quality_control"], extra: Record<string, unknown> = {}) =>
  api.kiosk("POST", "/api/certificates", { lot, basis, print: false, ...extra });

beforeAll(async () => {
  t = await startKioskStation();
  api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
  for (const [id, body] of Object.entries({
    cucumber: { name: "黄瓜", category: "vegetables", crop: "黄瓜" },
    rice: { name: "稻谷", category: "other", crop: "水稻" },
    eggs: { name: "鸡蛋", category: "eggs", crop: "蛋鸡" },
  })) {
    ok(await api.admin("PUT", `/api/products/${id}`, { unit: "kg", ...body }), 200);
  }
});

afterAll(async () => {
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

describe("substances, not names", () => {
  it("trade name: 乐斯本 on cucumbers is 毒死蜱, banned on vegetables", async () => {
    const s = await site();
    ok(await input(s, { name: "乐斯本" }));
    const lot = await batch("cucumber", s);
    const refused = await issue(lot);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("乐斯本（毒死蜱）禁止在蔬菜上使用");
    // The trace page names the substance behind the trade name too.
    expect((await api.get(`/t/${lot}`)).body).toContain("有效成分 毒死蜱");
  });

  it("synonym and old code: 锐劲特 is 氟虫腈, 多灭磷 is 甲胺磷, 3911 is 甲拌磷", async () => {
    const s = await site();
    ok(await input(s, { name: "锐劲特" }));
    ok(await input(s, { name: "多灭磷" }));
    ok(await input(s, { name: "3911乳油" }));
    const result = await gate(await batch("cucumber", s));
    const messages = result.blocks.map((b) => b.message).join("\n");
    expect(messages).toContain("锐劲特（氟虫腈）禁止在所有农作物上使用");
    expect(messages).toContain("多灭磷（甲胺磷）是禁用农药");
    expect(messages).toContain("3911乳油（甲拌磷）");
  });

  it("registration number: a number described once resolves later records, and its year is checked", async () => {
    const store = await site();
    ok(await input(store, { name: "毒死蜱乳油", regNo: "PD20120417", activeIngredient: "毒死蜱" }));
    const s = await site();
    const added = ok(await input(s, { name: "绿盾", regNo: "PD20120417" }));
    expect(added.input.regNo).toBe("PD20120417");
    const result = await gate(await batch("cucumber", s));
    expect(result.blocks.map((b) => b.message)).toContainEqual(
      expect.stringContaining("绿盾（毒死蜱）禁止在蔬菜上使用"),
    );
    const future = await input(s, { name: "绿盾", regNo: "PD20310417" });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe("DOMAIN_INVALID_REG_NO");
    expect(future.body.error.message).toContain("年份 2031");
  });

  it("label QR: the scanned bottle gives the registration and so the ingredient", async () => {
    const store = await site();
    ok(await input(store, { name: "好年冬", regNo: "PD20097788", activeIngredient: "丁硫克百威" }));
    const qr = `https://qr.example.cn/p?c=1097788${"3".repeat(25)}`;
    const prefill = ok(await api.get(`/api/inputs/label-qr?code=${encodeURIComponent(qr)}`), 200);
    expect(prefill.prefill).toMatchObject({ regNo: "PD20097788", activeIngredient: "丁硫克百威" });
    const s = await site();
    const added = ok(await input(s, { name: "杀虫剂", labelQr: qr }));
    expect(added.input).toMatchObject({ regNo: "PD20097788", labelQr: qr });
    const result = await gate(await batch("cucumber", s));
    expect(result.blocks.map((b) => b.message)).toContainEqual(
      expect.stringContaining("杀虫剂（丁硫克百威）禁止在蔬菜上使用"),
    );
    const notLabel = await input(s, { name: "杀虫剂", labelQr: "hello" });
    expect(notLabel.body.error.code).toBe("DOMAIN_INVALID_LABEL_QR");
  });

  it("a 药肥 recorded as a fertilizer is checked for its pesticide; plain fertilizer passes", async () => {
    const s = await site();
    ok(await input(s, { kind: "fertilizer", name: "3%克百威颗粒药肥", amount: 5, unit: "kg" }));
    ok(await input(s, { kind: "fertilizer", name: "45%硫酸钾复合肥", amount: 20, unit: "kg" }));
    const result = await gate(await batch("cucumber", s));
    expect(result.blocks).toEqual([expect.objectContaining({ kind: "restricted", substance: "克百威" })]);
    expect(result.blocks[0]?.message).toContain("3%克百威颗粒药肥（克百威）禁止在蔬菜");
  });

  it("unknown ingredients: 成分未知 names the input; only a supervisor override passes, shown on the trace page", async () => {
    const s = await site();
    ok(await input(s, { name: "神农一号" }));
    const lot = await batch("cucumber", s);
    const refused = await issue(lot);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("成分未知：神农一号");
    const override = { supervisor: "李主管", reason: "供货商书面确认为生物制剂" };
    expect((await issue(lot, ["quality_control"], { override })).status).toBe(403);
    const issued = ok(
      await api.admin("POST", "/api/certificates", {
        lot,
        basis: ["quality_control"],
        print: false,
        override,
      }),
    );
    expect(issued.certificate.override).toMatchObject({ supervisor: "李主管", actor: "admin" });
    const page = (await api.get(`/t/${lot}`)).body as string;
    expect(page).toContain("主管放行");
    expect(page).toContain("成分未知：神农一号");
    expect(page).toContain("供货商书面确认为生物制剂");
    expect(page).not.toContain("有效 valid");
  });
});

describe("the label QR on the scanner path", () => {
  it("a serial scanner's bottle QR goes to the kiosk input form with the registry's product, not to incoming lots", async () => {
    const store = await site();
    ok(await input(store, { name: "40%毒死蜱乳油", regNo: "PD20086655", activeIngredient: "毒死蜱" }));
    const sse = new SseReader();
    await sse.open(`${t.baseUrl}/api/events`);
    const scanner = await connectDevice(t.mqttUrl, "scan-1", await t.addDevice("scan-1", "scanner"));
    try {
      const before = (await api.get("/api/incoming?limit=500")).body.incoming.length;
      const code = `1086655${"7".repeat(25)}`;
      await scanner.publishAsync("trace/v1/dev/scan-1/scan", JSON.stringify({ code }), { qos: 1 });
      await waitFor(() => sse.of("label_qr").length > 0, 10_000);
      expect(sse.of("label_qr")[0]).toMatchObject({
        kind: "pesticide_label_qr",
        code,
        deviceId: "scan-1",
        prefill: { regNo: "PD20086655", activeIngredient: "毒死蜱" },
      });
      expect((await api.get("/api/incoming?limit=500")).body.incoming).toHaveLength(before);
    } finally {
      await scanner.endAsync();
      await sse.close();
    }
  });
});

describe("lists in force on the harvest day (农业农村部公告第736号)", () => {
  it("克百威 on rice passes before 2026-06-01 and is banned from then on", async () => {
    const s = await site("plot");
    ok(await input(s, { name: "3%呋喃丹颗粒剂", appliedAt: Date.parse("2026-04-25T08:00:00+08:00") }));
    const before = await gate(await batch("rice", s, Date.parse("2026-05-31T09:00:00+08:00")));
    expect(before.ok).toBe(true);
    const after = await gate(await batch("rice", s, Date.parse("2026-06-02T09:00:00+08:00")));
    expect(after.blocks).toEqual([expect.objectContaining({ kind: "banned", substance: "克百威" })]);
    expect(after.blocks[0]?.message).toContain("农业农村部公告第736号");
    expect(after.blocks[0]?.message).toContain("2026-06-01 起禁用");
  });
});

describe("test bases mean what they say", () => {
  it("an enzyme screen does not cover abamectin; a lab report covers only what it lists", async () => {
    const s = await site();
    ok(await input(s, { name: "1.8%阿维菌素乳油", intervalDays: 2 }));
    const lot = await batch("cucumber", s);
    ok(
      await api.kiosk("POST", "/api/tests", {
        sample: "黄瓜",
        method: "GB/T 5009.199-2003",
        inhibition: 12,
        batchLot: lot,
        testedAt: HARVEST - DAY_MS,
      }),
    );
    const own = await gate(lot, "own_test");
    expect(own.blocks).toEqual([expect.objectContaining({ kind: "uncovered", substance: "阿维菌素" })]);
    expect(own.blocks[0]?.message).toContain("阿维菌素 没有被任何检测覆盖");
    expect(own.blocks[0]?.message).toContain("有机磷类、氨基甲酸酯类");
    const report = { sample: "黄瓜", method: "GB 23200.113-2018", result: "negative", lab: "市检测中心" };
    ok(
      await api.kiosk("POST", "/api/tests", {
        ...report,
        reportNo: "R-1",
        items: ["毒死蜱"],
        batchLot: lot,
        testedAt: HARVEST,
      }),
    );
    expect((await gate(lot, "commissioned_test")).blocks[0]?.message).toContain("委托检测合格");
    ok(
      await api.kiosk("POST", "/api/tests", {
        ...report,
        reportNo: "R-2",
        items: ["阿维菌素"],
        batchLot: lot,
        testedAt: HARVEST,
      }),
    );
    expect((await gate(lot, "commissioned_test")).ok).toBe(true);
  });

  it("suspect is not a pass", async () => {
    const s = await site();
    const lot = await batch("cucumber", s);
    ok(
      await api.kiosk("POST", "/api/tests", {
        sample: "黄瓜",
        method: "GB/T 5009.199-2003",
        result: "suspect",
        batchLot: lot,
        testedAt: HARVEST,
      }),
    );
    const result = await gate(lot);
    expect(result.blocks).toEqual([expect.objectContaining({ kind: "suspect_screen" })]);
    expect(result.blocks[0]?.message).toContain("可疑不算合格");
  });

  it("re-test policy: a positive screen needs a negative lab report, recorded on the certificate", async () => {
    const s = await site();
    const lot = await batch("cucumber", s);
    const screen = { sample: "黄瓜", method: "GB/T 5009.199-2003", batchLot: lot };
    const positive = ok(
      await api.kiosk("POST", "/api/tests", { ...screen, inhibition: 72, testedAt: HARVEST }),
    );
    expect((await gate(lot)).blocks[0]?.message).toContain("需委托检测复检阴性");
    const retest = { retestOf: positive.test.id, testedAt: HARVEST + 3_600_000 };
    ok(await api.kiosk("POST", "/api/tests", { ...screen, inhibition: 10, ...retest }));
    expect((await gate(lot)).ok).toBe(false);
    ok(
      await api.kiosk("POST", "/api/tests", {
        ...screen,
        method: "GB 23200.113-2018",
        result: "negative",
        reportNo: "R-9",
        ...retest,
      }),
    );
    const issued = ok(await issue(lot));
    expect(issued.certificate.content.gate.retestPolicy).toEqual({
      positive: "lab_negative",
      suspect: "retest_negative",
    });
    expect((await issue(lot, ["own_test"])).status).toBe(422);
  });
});

describe("a certificate follows later evidence", () => {
  it("a backdated input after issuance makes it 待复核 on the record and the trace page; a supervisor clears it", async () => {
    const s = await site();
    const lot = await batch("cucumber", s);
    const cert = ok(await issue(lot)).certificate;
    expect(cert.status).toBe("valid");
    ok(await input(s, { name: "40%毒死蜱乳油", appliedAt: HARVEST - 5 * DAY_MS }));
    const after = ok(await api.get(`/api/certificates/${cert.number}`), 200).certificate;
    expect(after.status).toBe("review");
    expect(after.review.reasons.join()).toContain("毒死蜱");
    const page = (await api.get(`/t/${lot}`)).body as string;
    expect(page).toContain("待复核");
    expect(page).not.toContain("有效 valid");
    expect(
      (await api.kiosk("POST", `/api/certificates/${cert.number}/clear-review`, { reason: "录入错误已核实" }))
        .status,
    ).toBe(403);
    const cleared = ok(
      await api.admin("POST", `/api/certificates/${cert.number}/clear-review`, {
        reason: "复核：该地块当日未施药，系录入错误",
      }),
      200,
    ).certificate;
    expect(cleared.status).toBe("valid");
    expect(cleared.reviewCleared).toMatchObject({ actor: "admin" });
    const voided = ok(
      await api.admin("POST", `/api/certificates/${cert.number}/void`, { reason: "重新开具" }),
      200,
    );
    expect(voided.certificate.voidedBy).toBe("admin");
  });
});

describe("content the 2025 order requires", () => {
  it("refuses a certificate without 产地, whatever a supervisor says", async () => {
    const s = await site();
    const lot = await batch("cucumber", s);
    const subject = { name: "绿源蔬菜专业合作社", kind: "producer", idNumber: "91350100M000100Y43" };
    ok(await api.admin("PUT", "/api/subject", { ...subject, contact: "0591-12345678" }), 200);
    try {
      const refused = await api.admin("POST", "/api/certificates", {
        lot,
        basis: ["quality_control"],
        print: false,
        override: { supervisor: "李主管", reason: "急需出货" },
      });
      expect(refused.body.error.code).toBe("DOMAIN_CERT_CONTENT");
      expect(refused.body.error.message).toContain("产地");
    } finally {
      ok(
        await api.admin("PUT", "/api/subject", {
          ...subject,
          contact: "0591-12345678",
          originRegion: "福建省福州市",
        }),
        200,
      );
    }
  });

  it("buyer style needs linked incoming lots and takes its origin from them", async () => {
    const opened = ok(
      await api.kiosk("POST", "/api/batches", {
        productId: "cucumber",
        siteIds: [],
        windowStart: HARVEST - DAY_MS,
      }),
    );
    const lot = opened.batch.lot as string;
    ok(
      await api.kiosk("POST", `/api/batches/${lot}/packages`, { netKg: 3, weighedAt: HARVEST, print: false }),
    );
    ok(await api.kiosk("POST", `/api/batches/${lot}/close`, { harvestAt: HARVEST }), 200);
    const refused = await issue(lot, ["quality_control"], { style: "buyer" });
    expect(refused.body.error.code).toBe("DOMAIN_CERT_CONTENT");
    expect(refused.body.error.message).toContain("收购者合格证须关联已收取的来货合格证");
    ok(
      await api.kiosk("POST", "/api/incoming", {
        rawCode: "ST09-HG000123-4",
        supplier: "闽侯县青口镇合作社",
        origin: "福建省闽侯县青口镇",
        receivedAt: HARVEST - DAY_MS,
        lot,
      }),
    );
    const issued = ok(await issue(lot, ["quality_control"], { style: "buyer" }));
    expect(issued.certificate.content.origin).toBe("福建省闽侯县青口镇");
  });
});

describe("a batch says where it came from, and the gate speaks early", () => {
  it("a batch without sites is refused, and the verdict is shown at batch open", async () => {
    const opened = ok(
      await api.kiosk("POST", "/api/batches", { productId: "cucumber", siteIds: [], windowStart: HARVEST }),
    );
    expect(opened.gate.ok).toBe(false);
    expect(opened.gate.text).toMatch(/^不能开证：/);
    expect(opened.gate.text).toContain("批次没有地块");
    const lot = opened.batch.lot as string;
    expect((await api.get(`/api/batches/${lot}/gate`)).body.gate.text).toContain("批次没有地块");
    ok(
      await api.kiosk("POST", `/api/batches/${lot}/packages`, { netKg: 3, weighedAt: HARVEST, print: false }),
    );
    ok(await api.kiosk("POST", `/api/batches/${lot}/close`, { harvestAt: HARVEST }), 200);
    expect((await issue(lot)).body.error.code).toBe("DOMAIN_CERT_CONTENT");
  });

  it("shows a pre-harvest interval at batch open of a greenhouse sprayed yesterday", async () => {
    const s = await site();
    ok(await input(s, { name: "75%百菌清可湿性粉剂", appliedAt: Date.now() - DAY_MS, intervalDays: 21 }));
    const opened = ok(
      await api.kiosk("POST", "/api/batches", {
        productId: "tomato",
        siteIds: [s],
        windowStart: Date.now() - 5 * DAY_MS,
      }),
    );
    expect(opened.gate.text).toContain("不能开证：");
    expect(opened.gate.text).toContain("75%百菌清可湿性粉剂");
    expect(opened.gate.text).toContain("安全间隔期 21 天");
    expect(opened.gate.earliestDay).not.toBeNull();
  });
});

describe("animal products", () => {
  it("eggs from hens given 盐霉素 are refused (产蛋期禁用)", async () => {
    const s = await site("pen");
    ok(
      await input(s, {
        kind: "vet_drug",
        name: "10%盐霉素钠预混剂",
        unit: "g",
        intervalDays: 5,
        appliedAt: HARVEST - 20 * DAY_MS,
      }),
    );
    const result = await gate(await batch("eggs", s));
    expect(result.blocks).toEqual([expect.objectContaining({ kind: "not_for_layers", substance: "盐霉素" })]);
    expect(result.blocks[0]?.message).toContain("产蛋期禁用");
  });

  it("an input may set its own withdrawal per product and flag", async () => {
    const s = await site("pen");
    ok(
      await input(s, {
        kind: "vet_drug",
        name: "某复方制剂",
        activeIngredient: "某成分",
        unit: "g",
        intervalDays: 3,
        withdrawal: { eggs: 14 },
        notForLayers: false,
        appliedAt: HARVEST - 10 * DAY_MS,
      }),
    );
    const result = await gate(await batch("eggs", s));
    expect(result.blocks).toEqual([expect.objectContaining({ kind: "interval", intervalDays: 14 })]);
  });
});

describe("times in the station's zone", () => {
  it("reads a typed time without offset as Asia/Shanghai wall time", async () => {
    const s = await site();
    const added = ok(
      await input(s, { name: "75%百菌清可湿性粉剂", intervalDays: 7, appliedAt: "2026-05-03 07:00" }),
    );
    expect(added.input.appliedAt).toBe(Date.parse("2026-05-03T07:00:00+08:00"));
    const bad = await input(s, { name: "75%百菌清可湿性粉剂", appliedAt: "3rd of May" });
    expect(bad.body.error.code).toBe("TIME_INVALID");
  });
});
