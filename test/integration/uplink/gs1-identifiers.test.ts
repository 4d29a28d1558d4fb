import { afterEach, describe, expect, it } from "vitest";
import { checkDigitalLink } from "../../../edge/core/gs1-digital-link.js";
import type { EpcisEvent } from "../../../edge/epcis/epcis-event.js";
import { exportEpcis } from "../../../edge/epcis/export-events.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";
import { labelBook } from "../../helpers/label-fixtures.js";
import { compileSchemaFile, EPCIS_SCHEMA_FILE } from "../../helpers/uplink-ajv.js";

/** Issue 20 item 9: identifiers that GS1 tools accept, and each lot's quantity commissioned once. */
const validate = compileSchemaFile(EPCIS_SCHEMA_FILE);
const station = { code: "ST0001", name: "测试站", timezone: "Asia/Shanghai" };
let f: DomainFixture | undefined;
afterEach(() => f?.close());

/** Every identifier an event names: EPCs, classes of quantities, inputs and outputs. */
function identifiers(events: readonly EpcisEvent[]): string[] {
  return events.flatMap((e) => {
    const o = e as unknown as Record<string, unknown>;
    const epcs = ["epcList", "inputEPCList", "outputEPCList"].flatMap(
      (k) => (o[k] as string[] | undefined) ?? [],
    );
    const classes = ["quantityList", "inputQuantityList", "outputQuantityList"].flatMap((k) =>
      ((o[k] as Array<{ epcClass: string }> | undefined) ?? []).map((q) => q.epcClass),
    );
    return [...epcs, ...classes];
  });
}

describe("GS1 identifiers", () => {
  it("the checker refuses what GS1 refuses", () => {
    expect(checkDigitalLink("https://id.gs1.org/01/06901234567892/10/ST01-261122-0001-7/21/001").ok).toBe(
      true,
    );
    expect(checkDigitalLink("https://id.gs1.org/01/6901234567892/10/A").ok).toBe(false);
    expect(checkDigitalLink("https://id.gs1.org/01/06901234567893/10/A").ok).toBe(false);
    expect(checkDigitalLink("https://id.gs1.org/01/06901234567892/21/1/10/A").ok).toBe(false);
    expect(checkDigitalLink(`https://id.gs1.org/01/06901234567892/10/A/21/${"1".repeat(21)}`).ok).toBe(false);
  });

  it("every exported EPC and class of a GTIN product is a valid Digital Link; each lot's quantity is commissioned once", () => {
    f = openDomainFixture({ code: station.code, now: MAY_1 + 3 * DAY });
    seedTomatoFarm(f.domain);
    f.domain.master.putProduct({
      id: "t13",
      name: "番茄",
      category: "vegetables",
      unit: "kg",
      gtin: "6901234567892",
    });
    const b = f.domain.batches.open({ productId: "t13", siteIds: ["gh1"], windowStart: MAY_1 - 30 * DAY });
    for (let i = 0; i < 3; i++) f.domain.packages.add(b.lot, { netKg: 2.5, weighedAt: MAY_1 + i });
    f.domain.batches.close(b.lot, { harvestAt: MAY_1 + DAY });
    expect(b.lot.length).toBeLessThanOrEqual(20);
    const doc = exportEpcis(f.domain, station, { lot: b.lot }, MAY_1 + 2 * DAY);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const events = doc.epcisBody.eventList;
    const ids = identifiers(events).filter((id) => id.startsWith("https://"));
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(checkDigitalLink(id), id).toEqual({ ok: true });
    const commissioned = events
      .filter((e) => (e as { action?: string }).action === "ADD" || e.type === "TransformationEvent")
      .flatMap((e) => {
        const o = e as unknown as Record<string, Array<{ epcClass: string; quantity?: number }> | undefined>;
        return [...(o.quantityList ?? []), ...(o.outputQuantityList ?? [])];
      })
      .filter((q) => q.epcClass.endsWith(`/10/${b.lot}`));
    expect(commissioned).toEqual([expect.objectContaining({ quantity: 7.5, uom: "KGM" })]);
  });

  it("every package label QR with a GTIN is a valid Digital Link with an AI 21 of at most 20 characters", () => {
    const lot = "ST0001-261122-0001-Z";
    const built = labelBook().packageLabel(
      "package-60x40",
      { serial: `${lot}-001`, lot, productName: "番茄", netKg: 2.5, packedAt: MAY_1, gtin: "06901234567892" },
      false,
    );
    expect(built.qrData).toMatch(/\/01\/06901234567892\/10\/ST0001-261122-0001-Z\/21\/001$/);
    expect(checkDigitalLink(built.qrData)).toEqual({ ok: true });
    // A serial that cannot be an AI 21 is refused rather than printed.
    expect(() =>
      labelBook().packageLabel(
        "package-60x40",
        {
          serial: "X".repeat(21),
          lot,
          productName: "番茄",
          netKg: 2.5,
          packedAt: MAY_1,
          gtin: "06901234567892",
        },
        false,
      ),
    ).toThrow(/AI 21/);
  });
});
