import { afterEach, describe, expect, it } from "vitest";
import {
  DAY,
  type DomainFixture,
  harvestedBatch,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";

/** 待复核 (issue 20 item 4) on a real SQLite file: the record upward, overrides, clearing. */
let f: DomainFixture;
afterEach(() => f?.close());

const outbox = (kind: string) =>
  f.db.prepare("SELECT record_id, payload FROM outbox WHERE kind = ? ORDER BY id").all(kind) as Array<{
    record_id: string;
    payload: string;
  }>;

describe("a certificate follows later evidence", () => {
  it("a positive screen recorded after issuance puts it under review with a record upward", () => {
    f = openDomainFixture({ now: MAY_1 + 2 * DAY });
    seedTomatoFarm(f.domain);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1);
    const cert = f.domain.certificates.issue({ lot, basis: ["quality_control"] }).certificate;
    const seen: string[] = [];
    f.domain.events.on("certificate.review", (c) => seen.push(c.status));
    f.domain.tests.add({
      sample: "番茄",
      method: "GB/T 5009.199-2003",
      inhibition: 80,
      batchLot: lot,
      testedAt: MAY_1,
    });
    const after = f.domain.certificates.require(cert.number);
    expect(after.status).toBe("review");
    expect(after.review?.reasons[0]).toContain("阳性");
    expect(seen).toEqual(["review"]);
    const [record] = outbox("certificate.review");
    expect(record?.record_id).toMatch(new RegExp(`^cert:${cert.number}:review:`));
    expect(JSON.parse(record?.payload ?? "{}").reasons[0]).toContain("阳性");
    expect(() => f.domain.certificates.reprint(cert.number)).toThrow(/待复核，不能补打/);
    // A second certificate for the batch is refused while this one is under review.
    expect(() => f.domain.certificates.issue({ lot, basis: ["quality_control"] })).toThrow(/已有有效合格证/);
    f.domain.reviews.clear(cert.number, "实验室复检阴性，见报告", "cli:supervisor");
    expect(f.domain.certificates.require(cert.number).status).toBe("valid");
    expect(outbox("certificate.review_cleared")).toHaveLength(1);
    // The same evidence does not flag it again; new evidence does.
    f.domain.tests.add({
      sample: "番茄",
      method: "GB/T 5009.199-2003",
      inhibition: 20,
      batchLot: lot,
      testedAt: MAY_1,
    });
    expect(f.domain.certificates.require(cert.number).status).toBe("valid");
  });

  it("what a supervisor overrode does not flag it; an input after the harvest does not either", () => {
    f = openDomainFixture({ now: MAY_1 + 2 * DAY });
    seedTomatoFarm(f.domain);
    const spray = (name: string, appliedAt: number, intervalDays = 0) =>
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
    spray("神农一号", MAY_1 - 5 * DAY);
    const lot = harvestedBatch(f.domain, "tomato", "gh1", MAY_1);
    const cert = f.domain.certificates.issue({
      lot,
      basis: ["quality_control"],
      override: { supervisor: "李主管", reason: "供货商确认成分" },
      actor: "http:admin",
    }).certificate;
    expect(cert.override).toMatchObject({ supervisor: "李主管", actor: "http:admin" });
    expect(JSON.parse(outbox("compliance.override")[0]?.payload ?? "{}").actor).toBe("http:admin");
    spray("75%百菌清可湿性粉剂", MAY_1 + DAY, 7);
    expect(f.domain.certificates.require(cert.number).status).toBe("valid");
    spray("75%百菌清可湿性粉剂", MAY_1 - DAY, 7);
    const flagged = f.domain.certificates.require(cert.number);
    expect(flagged.status).toBe("review");
    expect(flagged.review?.reasons).toEqual([expect.stringContaining("75%百菌清可湿性粉剂")]);
  });
});
