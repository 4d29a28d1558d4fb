import { afterEach, describe, expect, it } from "vitest";
import { hourlyRollupHook } from "../../../edge/domain/rollups/hourly-rollup-hook.js";
import { prepareGroupWriter } from "../../../edge/intake/write-group.js";
import type { WriteItem } from "../../../edge/intake/write-item.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";

let f: DomainFixture;
afterEach(() => f?.close());

/** Readings through the real intake group writer and rollup hook, as the writer thread commits them. */
function readings(fx: DomainFixture, deviceId: string, from: number, count: number, stepMs: number): void {
  const items: WriteItem[] = [];
  for (let i = 0; i < count; i++) {
    const ts = from + i * stepMs;
    const values: Array<[string, number]> = [
      ["air_temp", 20 + (i % 10)],
      ["air_rh", 60],
    ];
    items.push({
      t: "msg",
      m: {
        deviceId,
        kind: "reading",
        msgId: null,
        ts,
        receivedAt: ts,
        payload: JSON.stringify({ values }),
        values,
      },
    });
  }
  prepareGroupWriter(fx.db, [hourlyRollupHook])(items);
}

describe("trace record of a batch", () => {
  it("is one JSON document with subject, product, sites, window, inputs, tests, environment, incoming lots, packages, certificates and codes", () => {
    f = openDomainFixture();
    const d = f.domain;
    seedTomatoFarm(d);
    d.master.putProduct({
      id: "tomato",
      name: "番茄",
      category: "vegetables",
      crop: "番茄",
      gtin: "06901234567892",
    });
    f.db
      .prepare(
        "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES ('air-1', 'sensor', 'gh1', 'x', 0)",
      )
      .run();
    f.db
      .prepare(
        "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES ('air-9', 'sensor', 'gh9', 'x', 0)",
      )
      .run();
    const start = MAY_1 - 10 * DAY;
    // 10 days, one reading every 10 minutes, on the batch's site; and on another site, outside.
    readings(f, "air-1", start, 10 * 144, 600_000);
    readings(f, "air-9", start, 100, 600_000);
    readings(f, "air-1", start - 5 * DAY, 50, 600_000);

    const incoming = d.incoming.add({
      rawCode: "12345678901234567890",
      supplier: "甲合作社",
      quantity: 100,
      unit: "kg",
      receivedAt: start,
    });
    const batch = d.batches.open({
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: start,
      incomingIds: [incoming.id],
    });
    d.inputs.add({
      siteId: "gh1",
      kind: "fertilizer",
      name: "复合肥",
      amount: 20,
      unit: "kg",
      intervalDays: 0,
      operator: "张三",
      appliedAt: start + DAY,
    });
    d.tests.add({
      sample: "番茄",
      method: "GB/T 5009.199-2003",
      inhibition: 8,
      batchLot: batch.lot,
      testedAt: MAY_1 - DAY,
    });
    d.packages.add(batch.lot, { netKg: 5, weighedAt: MAY_1 });
    d.packages.add(batch.lot, { netKg: 5.5, weighedAt: MAY_1 });
    d.batches.setNationalCode(batch.lot, "110101202605010001");
    d.batches.close(batch.lot, { harvestAt: MAY_1 });
    d.certificates.issue({ lot: batch.lot, basis: ["quality_control", "own_test"] });

    const record = JSON.parse(JSON.stringify(d.traceRecord(batch.lot)));
    expect(record).toMatchObject({
      version: 1,
      station: { code: "ST01" },
      subject: { name: "绿源蔬菜专业合作社", idKind: "credit_code" },
      product: { id: "tomato", name: "番茄" },
      batch: { lot: batch.lot, status: "closed", harvestAt: MAY_1 },
      sites: [{ id: "gh1", devices: ["air-1"] }],
      window: { start, end: MAY_1 },
      inputs: [{ name: "复合肥" }],
      tests: [{ result: "negative" }],
      incomingLots: [{ id: incoming.id, status: "received", supplier: "甲合作社" }],
      packages: [{ seq: 1 }, { seq: 2 }],
      totals: { packageCount: 2, netKg: 10.5 },
      certificates: [{ status: "valid", quantity: 10.5, basis: ["quality_control", "own_test"] }],
      codes: { lot: batch.lot, nationalCode: "110101202605010001", gtin: "06901234567892" },
    });
    // Only the batch's site and window: 1440 readings of air-1 inside, none of air-9 or before the window.
    const temp = record.environment.summaries.find((s: { metric: string }) => s.metric === "air_temp");
    expect(temp).toMatchObject({ siteId: "gh1", unit: "°C", count: 1440, min: 20, max: 29, mean: 24.5 });
    const series = record.environment.series.find((s: { metric: string }) => s.metric === "air_temp");
    expect(series.points.length).toBeLessThanOrEqual(240);
    expect(series.points.length).toBeGreaterThan(100);
    expect(series.bucketMs % 3_600_000).toBe(0);
  });
});
