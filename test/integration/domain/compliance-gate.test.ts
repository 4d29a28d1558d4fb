import { afterEach, describe, expect, it } from "vitest";
import type { ComplianceBlock } from "../../../edge/domain/compliance/compliance-gate.js";
import type { Domain } from "../../../edge/domain/domain.js";
import { isStationError, type StationError } from "../../../edge/errors/station-error.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";

/** Acceptance of issue 4 for the gate, on a real SQLite file; examples from DOMAIN.md §4. */
let f: DomainFixture;
afterEach(() => f?.close());

function caught(fn: () => unknown): StationError {
  try {
    fn();
  } catch (err) {
    if (isStationError(err)) return err;
    throw err;
  }
  throw new Error("expected a StationError");
}

/** A closed batch on `site` harvested at `harvestAt`, with one 5 kg package. */
function harvestedBatch(d: Domain, productId: string, site: string, harvestAt: number): string {
  const b = d.batches.open({ productId, siteIds: [site], windowStart: MAY_1 - 60 * DAY });
  d.packages.add(b.lot, { netKg: 5, weighedAt: harvestAt });
  d.batches.close(b.lot, { harvestAt });
  return b.lot;
}

function sprayBifenthrin(d: Domain): void {
  d.inputs.add({
    siteId: "gh1",
    kind: "pesticide",
    name: "10%联苯菊酯乳油",
    regNo: "PD20080005",
    activeIngredient: "联苯菊酯",
    amount: 30,
    unit: "mL",
    intervalDays: 4,
    operator: "张三",
    crop: "番茄",
    appliedAt: MAY_1,
  });
}

describe("pre-harvest interval (greenhouse tomato, bifenthrin 10% EC, 4 days)", () => {
  it("blocks a harvest 3 days after application and names the input, its day and the earliest day", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    sprayBifenthrin(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1 + 3 * DAY);
    const err = caught(() => f.domain.certificates.issue({ lot, basis: ["quality_control"] }));
    expect(err.code).toBe("DOMAIN_COMPLIANCE_BLOCKED");
    const blocks = err.detail.blocks as ComplianceBlock[];
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      kind: "interval",
      input: "10%联苯菊酯乳油",
      appliedDay: "2026-05-01",
      intervalDays: 4,
      earliestDay: "2026-05-05",
      harvestDay: "2026-05-04",
    });
    expect(err.message).toContain("2026-05-05");
    expect(f.domain.certificates.forBatch(lot)).toEqual([]);
  });

  it("passes a harvest 4 days after application and issues the certificate", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    sprayBifenthrin(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1 + 4 * DAY);
    const { certificate, compliance } = f.domain.certificates.issue({ lot, basis: ["quality_control"] });
    expect(compliance.ok).toBe(true);
    expect(certificate).toMatchObject({
      lot,
      status: "valid",
      quantity: 5,
      packageCount: 1,
      style: "producer",
    });
    expect(certificate.content.productName).toBe("番茄");
  });
});

describe("banned and restricted pesticides (versioned list)", () => {
  it("blocks a vegetable batch with 毒死蜱 as banned for that crop", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    f.domain.inputs.add({
      siteId: "gh1",
      kind: "pesticide",
      name: "40%毒死蜱乳油",
      regNo: "PD20093000",
      amount: 50,
      unit: "mL",
      intervalDays: 7,
      operator: "张三",
      appliedAt: MAY_1 - 30 * DAY,
    });
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1);
    const result = f.domain.compliance.check(f.domain.batches.require(lot), ["quality_control"]);
    expect(result.ok).toBe(false);
    expect(result.blocks).toEqual([
      expect.objectContaining({
        kind: "restricted",
        substance: "毒死蜱",
        scopes: ["vegetables"],
        appliedDay: "2026-04-01",
      }),
    ]);
    expect(result.list.source).toContain("禁限用农药名录");
  });

  it("does not apply a vegetables-only restriction to citrus, but a banned-outright substance blocks any crop", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    f.domain.master.putProduct({ id: "orange", name: "柑橘", category: "fruit", crop: "柑橘" });
    f.domain.master.putSite({ id: "orchard", name: "果园", kind: "plot" });
    const add = (name: string) =>
      f.domain.inputs.add({
        siteId: "orchard",
        kind: "pesticide",
        name,
        amount: 1,
        unit: "L",
        intervalDays: 0,
        operator: "王五",
        appliedAt: MAY_1 - 40 * DAY,
      });
    add("毒死蜱");
    const lot = harvestedBatch(f.domain, "orange", "orchard", MAY_1);
    expect(f.domain.compliance.check(f.domain.batches.require(lot), ["quality_control"]).ok).toBe(true);
    add("甲胺磷");
    const again = f.domain.compliance.check(f.domain.batches.require(lot), ["quality_control"]);
    expect(again.blocks).toEqual([expect.objectContaining({ kind: "banned", substance: "甲胺磷" })]);
  });

  it("tells 丁硫克百威 from 克百威 (longest name wins), so sugarcane-only scope of 克百威 is not claimed", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    f.domain.master.putProduct({ id: "cane", name: "甘蔗", category: "other", crop: "甘蔗" });
    f.domain.master.putSite({ id: "field", name: "蔗地", kind: "plot" });
    f.domain.inputs.add({
      siteId: "field",
      kind: "pesticide",
      name: "20%丁硫克百威乳油",
      amount: 1,
      unit: "L",
      intervalDays: 0,
      operator: "王五",
      appliedAt: MAY_1 - 40 * DAY,
    });
    const lot = harvestedBatch(f.domain, "cane", "field", MAY_1);
    expect(f.domain.compliance.check(f.domain.batches.require(lot), ["quality_control"]).ok).toBe(true);
  });
});

describe("withdrawal period (pig, oxytetracycline injection, 28 days)", () => {
  it("blocks slaughter at day 20 with the earliest day, and passes at day 28", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    f.domain.master.putProduct({ id: "pig", name: "生猪", category: "livestock", crop: "猪", unit: "头" });
    f.domain.master.putSite({ id: "pen3", name: "3号圈舍", kind: "pen" });
    f.domain.inputs.add({
      siteId: "pen3",
      kind: "vet_drug",
      name: "土霉素注射液",
      regNo: "兽药字(2019)150012345",
      amount: 10,
      unit: "mL",
      method: "肌内注射",
      intervalDays: 28,
      operator: "赵六",
      appliedAt: MAY_1,
    });
    const lot = harvestedBatch(f.domain, "pig", "pen3", MAY_1 + 20 * DAY);
    const result = f.domain.compliance.check(f.domain.batches.require(lot), ["quality_control"]);
    expect(result.blocks).toEqual([
      expect.objectContaining({
        kind: "interval",
        input: "土霉素注射液",
        earliestDay: "2026-05-29",
        harvestDay: "2026-05-21",
      }),
    ]);
    expect(result.blocks[0]?.message).toContain("休药期");
    const later = f.domain.compliance.check(
      f.domain.batches.require(lot),
      ["quality_control"],
      MAY_1 + 28 * DAY,
    );
    expect(later.ok).toBe(true);
    // Slaughtered on day 28: certified, the quantity counted in head (头) as the product is sold.
    const onTime = harvestedBatch(f.domain, "pig", "pen3", MAY_1 + 28 * DAY);
    const { certificate } = f.domain.certificates.issue({ lot: onTime, basis: ["quality_control"] });
    expect(certificate).toMatchObject({ quantity: 1, unit: "头", packageCount: 1 });
  });
});

describe("tests behind the basis", () => {
  it("a positive enzyme screen blocks 'own test passed' but not 'quality control'", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1);
    f.domain.tests.add({
      sample: "番茄",
      method: "GB/T 5009.199-2003",
      inhibition: 71,
      siteId: "gh1",
      testedAt: MAY_1 - DAY,
    });
    const err = caught(() => f.domain.certificates.issue({ lot, basis: ["own_test"] }));
    expect(err.code).toBe("DOMAIN_COMPLIANCE_BLOCKED");
    expect(err.detail.blocks).toEqual([
      expect.objectContaining({ kind: "positive_screen", testedDay: "2026-04-30" }),
    ]);
    expect(f.domain.certificates.issue({ lot, basis: ["quality_control"] }).certificate.basis).toEqual([
      "quality_control",
    ]);
  });

  it("a negative screen allows 'own test passed'; no test at all does not", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1);
    const batch = f.domain.batches.require(lot);
    expect(f.domain.compliance.check(batch, ["own_test"]).blocks).toEqual([
      expect.objectContaining({ kind: "no_test", basis: "own_test" }),
    ]);
    f.domain.tests.add({
      sample: "番茄",
      method: "enzyme-inhibition",
      inhibition: 20,
      batchLot: lot,
      testedAt: MAY_1,
    });
    expect(f.domain.compliance.check(batch, ["own_test"]).ok).toBe(true);
  });
});

describe("supervisor override", () => {
  it("needs a supervisor and a reason, and is recorded with the blocks it overrode", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    sprayBifenthrin(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1 + 2 * DAY);
    const short = caught(() =>
      f.domain.certificates.issue({
        lot,
        basis: ["quality_control"],
        override: { supervisor: "李四", reason: "急" },
      }),
    );
    expect(short.code).toBe("DOMAIN_INVALID");
    const { certificate } = f.domain.certificates.issue({
      lot,
      basis: ["quality_control"],
      override: { supervisor: "李四", reason: "委托检测报告 QT-2026-0501 合格，准予放行" },
    });
    expect(certificate.overrideId).not.toBeNull();
    const row = f.db
      .prepare("SELECT supervisor, reason, blocks FROM domain_overrides WHERE id = ?")
      .get(certificate.overrideId) as {
      supervisor: string;
      reason: string;
      blocks: string;
    };
    expect(row.supervisor).toBe("李四");
    expect(JSON.parse(row.blocks)).toEqual([
      expect.objectContaining({ kind: "interval", earliestDay: "2026-05-05" }),
    ]);
    const outbox = f.db
      .prepare("SELECT kind FROM outbox WHERE record_id = ?")
      .get(`override:${certificate.overrideId}`);
    expect(outbox).toEqual({ kind: "compliance.override" });
  });
});

describe("applications just before the window", () => {
  it("still bind the harvest when their interval reaches into the window, but are not checked against the list", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const add = (name: string, appliedAt: number, intervalDays: number) =>
      f.domain.inputs.add({
        siteId: "gh1",
        kind: "pesticide",
        name,
        amount: 1,
        unit: "mL",
        intervalDays,
        operator: "张三",
        appliedAt,
      });
    // Previous crop: 毒死蜱 60 days before the window; a spray 2 days before with a 7-day interval.
    add("毒死蜱", MAY_1 - 60 * DAY, 7);
    add("75%百菌清可湿性粉剂", MAY_1 - 2 * DAY, 7);
    const b = f.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: MAY_1 });
    const result = f.domain.compliance.check(
      f.domain.batches.require(b.lot),
      ["quality_control"],
      MAY_1 + 3 * DAY,
    );
    expect(result.blocks).toEqual([
      expect.objectContaining({ kind: "interval", input: "75%百菌清可湿性粉剂", earliestDay: "2026-05-06" }),
    ]);
  });
});

describe("one valid certificate per batch", () => {
  it("refuses a second while the first is valid, and allows a new number after voiding", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1);
    const first = f.domain.certificates.issue({ lot, basis: ["quality_control"] }).certificate;
    expect(caught(() => f.domain.certificates.issue({ lot, basis: ["quality_control"] })).code).toBe(
      "DOMAIN_BATCH_STATE",
    );
    f.domain.certificates.void(first.number, "重开");
    const second = f.domain.certificates.issue({ lot, basis: ["quality_control"] }).certificate;
    expect(second.number).not.toBe(first.number);
  });
});

describe("production records are kept two years", () => {
  it("refuses deleting a recent input or test record, even with hand-written SQL", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    sprayBifenthrin(f.domain);
    f.domain.tests.add({ sample: "番茄", method: "enzyme-inhibition", inhibition: 3, testedAt: MAY_1 });
    expect(() => f.db.prepare("DELETE FROM domain_inputs").run()).toThrow(/DOMAIN_RECORD_RETENTION/);
    expect(() => f.db.prepare("DELETE FROM domain_tests").run()).toThrow(/DOMAIN_RECORD_RETENTION/);
  });
});

describe("scanning a pesticide bottle", () => {
  it("pre-fills a new input record from the last use of the same registration", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    sprayBifenthrin(f.domain);
    const qr = `1080005${"0".repeat(25)}`;
    expect(f.domain.inputs.prefillFromLabelQr(qr)).toMatchObject({
      name: "10%联苯菊酯乳油",
      regNo: "PD20080005",
      intervalDays: 4,
    });
    expect(f.domain.inputs.prefillFromLabelQr(`1999999${"0".repeat(25)}`)).toBeUndefined();
  });
});

describe("veterinary drugs and feed against the food-animal list (MARA announcement 250)", () => {
  it("blocks a pig batch fed clenbuterol, and maduramicin for laying hens but not for broilers", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    f.domain.master.putProduct({ id: "pig", name: "生猪", category: "livestock", unit: "头" });
    f.domain.master.putProduct({ id: "egg", name: "鸡蛋", category: "eggs", unit: "kg" });
    f.domain.master.putProduct({ id: "broiler", name: "肉鸡", category: "poultry", unit: "只" });
    for (const id of ["pen1", "coop1", "coop2"]) f.domain.master.putSite({ id, name: id, kind: "pen" });
    const use = (siteId: string, kind: "feed" | "vet_drug", name: string) =>
      f.domain.inputs.add({
        siteId,
        kind,
        name,
        amount: 1,
        unit: "kg",
        intervalDays: 0,
        operator: "赵六",
        appliedAt: MAY_1 - 10 * DAY,
      });
    use("pen1", "feed", "育肥猪预混料（含盐酸克仑特罗）");
    use("coop1", "vet_drug", "1%马杜霉素铵预混剂");
    use("coop2", "vet_drug", "1%马杜霉素铵预混剂");
    const check = (product: string, site: string) =>
      f.domain.compliance.check(f.domain.batches.require(harvestedBatch(f.domain, product, site, MAY_1)), [
        "quality_control",
      ]);
    expect(check("pig", "pen1").blocks).toEqual([
      expect.objectContaining({ kind: "banned", substance: "克仑特罗" }),
    ]);
    expect(check("egg", "coop1").blocks).toEqual([
      expect.objectContaining({ kind: "restricted", substance: "马杜霉素", scopes: ["laying_hens"] }),
    ]);
    const broiler = check("broiler", "coop2");
    expect(broiler.ok).toBe(true);
    expect(broiler.vetList.source).toContain("第250号");
  });
});

describe("commissioned test basis (用什么药、检什么药)", () => {
  it("needs a passed lab report, and warns when its items miss an active that was used", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    sprayBifenthrin(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1 + 10 * DAY);
    const batch = f.domain.batches.require(lot);
    expect(f.domain.compliance.check(batch, ["commissioned_test"]).blocks).toEqual([
      expect.objectContaining({ kind: "no_test", basis: "commissioned_test" }),
    ]);
    f.domain.tests.add({
      sample: "番茄",
      method: "GB 23200.113-2018",
      result: "negative",
      reportNo: "QT-2026-0501",
      lab: "市农产品质量检测中心",
      items: ["毒死蜱", "百菌清"],
      batchLot: lot,
      testedAt: MAY_1 + 9 * DAY,
    });
    const missing = f.domain.compliance.check(batch, ["commissioned_test"]);
    expect(missing.ok).toBe(true);
    expect(missing.warnings).toEqual([expect.stringContaining("10%联苯菊酯乳油")]);
    f.domain.tests.add({
      sample: "番茄",
      method: "GB 23200.113-2018",
      result: "negative",
      reportNo: "QT-2026-0502",
      items: ["联苯菊酯"],
      batchLot: lot,
      testedAt: MAY_1 + 9 * DAY,
    });
    expect(f.domain.compliance.check(batch, ["commissioned_test"]).warnings).toEqual([]);
  });
});
