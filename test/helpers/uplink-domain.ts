import { hourlyRollupHook } from "../../edge/domain/rollups/hourly-rollup-hook.js";
import { prepareGroupWriter } from "../../edge/intake/write-group.js";
import type { WriteItem } from "../../edge/intake/write-item.js";
import { DAY, type DomainFixture, MAY_1, seedTomatoFarm } from "./domain-fixture.js";

/** Readings through the real intake group writer and the domain's hourly rollup hook. */
export function readings(f: DomainFixture, deviceId: string, from: number, count: number): void {
  const items: WriteItem[] = [];
  for (let i = 0; i < count; i++) {
    const ts = from + i * 600_000;
    const values: Array<[string, number]> = [
      ["air_temp", 18 + (i % 12)],
      ["air_rh", 55 + (i % 5)],
      ["soil_ph", 6.5],
    ];
    items.push({
      t: "msg",
      m: {
        deviceId,
        kind: "reading",
        msgId: null,
        ts,
        receivedAt: ts,
        payload: JSON.stringify({ values: Object.fromEntries(values) }),
        values,
      },
    });
  }
  prepareGroupWriter(f.db, [hourlyRollupHook])(items);
}

/** Two batches as a packing house makes them: one from incoming lots with a GTIN, one own-grown without. */
export function populateTwoBatches(f: DomainFixture): { tomato: string; pepper: string } {
  const d = f.domain;
  seedTomatoFarm(d);
  d.master.putProduct({
    id: "tomato",
    name: "番茄",
    category: "vegetables",
    crop: "番茄",
    gtin: "06901234567892",
  });
  d.master.putProduct({ id: "pepper", name: "辣椒", category: "vegetables", crop: "辣椒" });
  f.db
    .prepare(
      "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES ('air-1', 'sensor', 'gh1', 'x', 0)",
    )
    .run();
  const start = MAY_1 - 5 * DAY;
  readings(f, "air-1", start, 5 * 144);
  const dl = d.incoming.add({
    rawCode: "https://id.gs1.org/01/06901234500003/10/A17",
    supplier: "甲合作社",
    quantity: 100,
    unit: "kg",
    receivedAt: start,
  });
  const national = d.incoming.add({ rawCode: "12345678901234567890", supplier: "乙农场", receivedAt: start });
  const tomato = d.batches.open({
    productId: "tomato",
    siteIds: ["gh1"],
    windowStart: start,
    incomingIds: [dl.id, national.id],
  });
  d.tests.add({
    sample: "番茄",
    method: "GB/T 5009.199-2003",
    inhibition: 8,
    batchLot: tomato.lot,
    testedAt: MAY_1 - DAY,
  });
  d.packages.add(tomato.lot, { netKg: 5, weighedAt: MAY_1 });
  d.packages.add(tomato.lot, { netKg: 5.5, weighedAt: MAY_1 + 60_000 });
  d.batches.close(tomato.lot, { harvestAt: MAY_1 });
  f.clock.now = MAY_1 + DAY;
  const pepper = d.batches.open({ productId: "pepper", siteIds: ["gh1"], windowStart: MAY_1 });
  d.tests.add({
    sample: "辣椒",
    method: "GB/T 5009.199-2003",
    inhibition: 70,
    batchLot: pepper.lot,
    testedAt: MAY_1 + DAY,
  });
  d.packages.add(pepper.lot, { netKg: 2.345, weighedAt: MAY_1 + DAY });
  return { tomato: tomato.lot, pepper: pepper.lot };
}
