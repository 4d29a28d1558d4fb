import { afterEach, describe, expect, it } from "vitest";
import type { ComplianceBlock } from "../../../edge/domain/compliance/compliance-gate.js";
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

/** Acceptance of issue 4 for the gate, on a real SQLite file; examples from DOMAIN.md §4. */
let f: DomainFixture;
afterEach(() => f?.close());

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
  it("a positive enzyme screen blocks every basis until a negative lab re-test, and 'own test passed' even then", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1);
    const positive = f.domain.tests.add({
      sample: "番茄",
      method: "GB/T 5009.199-2003",
      inhibition: 71,
      siteId: "gh1",
      testedAt: MAY_1 - DAY,
    });
    const err = caught(() => f.domain.certificates.issue({ lot, basis: ["own_test"] }));
    expect(err.code).toBe("DOMAIN_COMPLIANCE_BLOCKED");
    expect(err.detail.blocks).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "positive_screen", testedDay: "2026-04-30" })]),
    );
    expect(caught(() => f.domain.certificates.issue({ lot, basis: ["quality_control"] })).message).toContain(
      "需委托检测复检阴性",
    );
    f.domain.tests.add({
      sample: "番茄",
      method: "GB 23200.113-2018",
      result: "negative",
      reportNo: "QT-1",
      retestOf: positive.id,
      siteId: "gh1",
      testedAt: MAY_1 - DAY / 2,
    });
    expect(caught(() => f.domain.certificates.issue({ lot, basis: ["own_test"] })).detail.blocks).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "positive_screen" })]),
    );
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

describe("an open batch is judged at the station's clock", () => {
  it("blocks while the station's day is inside the interval and passes once it is over, whatever the wall clock says", () => {
    f = openDomainFixture({ now: MAY_1 + 3 * DAY });
    seedTomatoFarm(f.domain);
    sprayBifenthrin(f.domain);
    const open = f.domain.batches.open({
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: MAY_1 - 60 * DAY,
    });
    const early = f.domain.compliance.check(open, ["quality_control"]);
    expect(early.ok).toBe(false);
    expect(early.blocks[0]).toMatchObject({
      kind: "interval",
      earliestDay: "2026-05-05",
      harvestDay: "2026-05-04",
    });
    f.clock.now = MAY_1 + 4 * DAY;
    expect(f.domain.compliance.check(open, ["quality_control"]).ok).toBe(true);
  });
});
