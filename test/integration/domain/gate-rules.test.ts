import { afterEach, describe, expect, it } from "vitest";
import {
  caught,
  DAY,
  type DomainFixture,
  harvestedBatch,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
  sprayBifenthrin,
} from "../../helpers/domain-fixture.js";

/** Further gate rules beyond the acceptance examples, on a real SQLite file. */
let f: DomainFixture;
afterEach(() => f?.close());

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
      expect.objectContaining({ kind: "not_for_layers", substance: "马杜霉素" }),
    ]);
    const broiler = check("broiler", "coop2");
    expect(broiler.ok).toBe(true);
    expect(broiler.vetList.source).toContain("第250号");
  });
});

describe("commissioned test basis (用什么药、检什么药)", () => {
  it("needs a passed lab report, and blocks when its items miss an active that was used", () => {
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
    expect(missing.blocks).toEqual([
      expect.objectContaining({ kind: "uncovered", input: "10%联苯菊酯乳油", substance: "联苯菊酯" }),
    ]);
    expect(missing.blocks[0]?.message).toContain("用什么药、检什么药");
    f.domain.tests.add({
      sample: "番茄",
      method: "GB 23200.113-2018",
      result: "negative",
      reportNo: "QT-2026-0502",
      items: ["联苯菊酯"],
      batchLot: lot,
      testedAt: MAY_1 + 9 * DAY,
    });
    expect(f.domain.compliance.check(batch, ["commissioned_test"]).ok).toBe(true);
  });
});
