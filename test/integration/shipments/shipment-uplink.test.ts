import { afterEach, describe, expect, it } from "vitest";
import { epcisDocument } from "../../../edge/epcis/document.js";
import { exportEpcis } from "../../../edge/epcis/export-events.js";
import { EpcisRecordMapper } from "../../../edge/epcis/record-events.js";
import { encodeOutboxRecord, type OutboxRow } from "../../../edge/uplink/record-format.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";
import { compileSchemaFile, EPCIS_SCHEMA_FILE } from "../../helpers/uplink-ajv.js";

const validateEpcis = compileSchemaFile(EPCIS_SCHEMA_FILE);
const validateRecord = compileSchemaFile(
  new URL("../../../edge/uplink/uplink-record-v1.schema.json", import.meta.url),
);
const station = { code: "ST01", name: "测试站", timezone: "Asia/Shanghai" };

describe("a shipment goes upward", () => {
  let f: DomainFixture | undefined;
  afterEach(() => f?.close());

  it("as the station's own JSON record with its actor, and as EPCIS shipping + aggregation events with the export's ids", () => {
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
    d.master.putProduct({ id: "pepper", name: "辣椒", category: "vegetables", crop: "辣椒" });
    const tomato = d.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: MAY_1 - DAY }).lot;
    const pepper = d.batches.open({ productId: "pepper", siteIds: ["gh1"], windowStart: MAY_1 - DAY }).lot;
    const t1 = d.packages.add(tomato, { netKg: 5, weighedAt: MAY_1 });
    const p1 = d.packages.add(pepper, { netKg: 3, weighedAt: MAY_1 });
    d.packages.add(pepper, { netKg: 20, weighedAt: MAY_1 });
    const shipment = d.shipments.records.create(
      {
        buyer: {
          name: "海峡批发市场",
          idNumber: "91350100705432128G",
          phone: "0591-87654321",
          market: "海峡批发市场",
        },
        shippedAt: MAY_1 + DAY,
        scans: [t1.serial, p1.serial],
        lines: [{ lot: pepper, quantityKg: 12.5 }],
        certificates: [],
      },
      { id: "op-7", name: "林师傅", role: "supervisor" },
    );

    const row = f.db.prepare("SELECT * FROM outbox WHERE kind = 'shipment'").get() as OutboxRow;
    expect(row).toMatchObject({ stream: "shipments", record_id: `shipment:${shipment.number}` });
    const record = JSON.parse(encodeOutboxRecord("ST01", row));
    expect(validateRecord(record), JSON.stringify(validateRecord.errors)).toBe(true);
    expect(record.data).toMatchObject({
      number: shipment.number,
      actor: { id: "op-7", name: "林师傅", role: "supervisor" },
      totals: { packageCount: 2, netKg: 20.5 },
    });
    const stored = f.db.prepare("SELECT actor_id, actor_name, actor_role FROM shipments").get();
    expect(stored).toEqual({ actor_id: "op-7", actor_name: "林师傅", actor_role: "supervisor" });

    // The uplink's EPCIS mapping of the record: per lot, an aggregation into the shipment and a shipping event.
    const events = new EpcisRecordMapper(d, station, f.db).outbox(row.kind, JSON.parse(row.payload));
    expect(events.map((e) => `${e.type}:${e.bizStep}`)).toEqual([
      "AggregationEvent:packing",
      "ObjectEvent:shipping",
      "AggregationEvent:packing",
      "ObjectEvent:shipping",
    ]);
    const doc = epcisDocument(events, MAY_1 + 2 * DAY);
    expect(validateEpcis(doc), JSON.stringify(validateEpcis.errors, null, 2)).toBe(true);
    const pepperShipping = events[3];
    expect(pepperShipping).toMatchObject({
      epcList: [`urn:trace-station:ST01:package:${encodeURIComponent(p1.serial)}`],
      quantityList: [{ quantity: 12.5, uom: "KGM" }],
      destinationList: [
        { type: "owning_party", destination: `urn:trace-station:ST01:party:buyer:${shipment.buyer.id}` },
      ],
    });
    // The buyer's credit code and phone are not in what goes to the EPCIS receiver.
    expect(JSON.stringify(doc)).not.toContain("91350100705432128G");
    expect(JSON.stringify(doc)).not.toContain("0591-87654321");
    // Same event ids as the per-batch export, so a receiver taking both de-duplicates.
    const exported = new Set(
      exportEpcis(d, station, { lot: tomato }, MAY_1 + 2 * DAY).epcisBody.eventList.map((e) => e.eventID),
    );
    expect(events.slice(0, 2).every((e) => exported.has(e.eventID))).toBe(true);
  });
});
