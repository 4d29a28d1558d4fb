import { afterEach, describe, expect, it } from "vitest";
import { exportEpcis } from "../../../edge/epcis/export-events.js";
import type { Actor } from "../../../edge/http/actor.js";
import { publicTraceRecord } from "../../../edge/http/public-trace-record.js";
import { renderTracePage } from "../../../edge/http/trace-page.js";
import {
  caught,
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";
import { compileSchemaFile, EPCIS_SCHEMA_FILE } from "../../helpers/uplink-ajv.js";

const validate = compileSchemaFile(EPCIS_SCHEMA_FILE);
const station = { code: "ST01", name: "测试站", timezone: "Asia/Shanghai" };
const worker: Actor = { id: null, name: "kiosk", role: "worker" };
/** Valid check characters: GB 32100 (mod 31) and GB 11643 (ISO 7064 MOD 11-2). */
const MARKET_CO = {
  name: "海峡农产品批发市场有限公司",
  idNumber: "91350100705432128G",
  phone: "0591-87654321",
  market: "海峡批发市场",
};
const GROCER = {
  name: "王小明",
  idNumber: "11010519491231002X",
  phone: "13800138000",
  market: "东街菜市场 12 号摊",
};
const CANTEEN = {
  name: "福州一中食堂",
  idNumber: "12350000488199509J",
  phone: "+86 139 0000 0000",
  address: "福州市鼓楼区",
};

let f: DomainFixture | undefined;
afterEach(() => f?.close());

/** A supplier lot used in two packed batches of tomatoes, each with packages. */
function twoBatchesFromOneSupplierLot(fx: DomainFixture) {
  const d = fx.domain;
  seedTomatoFarm(d);
  d.master.putProduct({
    id: "tomato",
    name: "番茄",
    category: "vegetables",
    crop: "番茄",
    gtin: "06901234567892",
  });
  const supplier = d.incoming.add({
    rawCode: "SUP-A17",
    supplier: "甲合作社",
    quantity: 300,
    unit: "kg",
    receivedAt: MAY_1 - DAY,
  });
  const other = d.incoming.add({ rawCode: "SUP-B02", supplier: "乙农场", receivedAt: MAY_1 - DAY });
  const lots = [0, 1].map((i) => {
    const b = d.batches.open({
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: MAY_1 - 10 * DAY,
      incomingIds: i === 0 ? [supplier.id] : [supplier.id, other.id],
    });
    for (let n = 0; n < 4; n++)
      d.packages.add(b.lot, { netKg: 5 + n, weighedAt: MAY_1 + i * DAY + n * 60_000 });
    d.batches.close(b.lot, { harvestAt: MAY_1 + i * DAY });
    return b.lot;
  });
  return { lots, supplier, serials: lots.map((lot) => d.packages.forBatch(lot).map((p) => p.serial)) };
}

describe("shipments", () => {
  it("records the packages a scan names, refuses a second shipment of one naming the first, and shows the stock left", () => {
    f = openDomainFixture();
    const { lots, serials } = twoBatchesFromOneSupplierLot(f);
    const [lot] = lots as [string];
    const [a, b, c] = serials[0] as [string, string, string];
    const seq = (s: string) => s.slice(lot.length + 1);
    const shipments = f.domain.shipments;
    // One scanned as its Digital Link, one as the station trace URL, one typed; one read twice.
    const first = shipments.records.create(
      {
        buyer: MARKET_CO,
        shippedAt: MAY_1 + 2 * DAY,
        scans: [
          `https://trace.example.cn/01/06901234567892/10/${lot}/21/${seq(a)}`,
          `http://st.local/t/${b}`,
          ` ${b} `,
        ],
        lines: [],
        certificates: [],
        vehiclePlate: "闽A·12345",
      },
      worker,
    );
    expect(first.packages.map((p) => p.serial)).toEqual([a, b]);
    expect(first.totals).toEqual({ packageCount: 2, netKg: 11 });
    expect(first.vehiclePlate).toBe("闽A12345");
    expect(first.actor).toEqual(worker);
    expect(shipments.read.stock(lot)).toMatchObject({ packedCount: 4, remainingCount: 2, remainingKg: 15 });

    const again = caught(() =>
      shipments.records.create(
        { buyer: GROCER, shippedAt: MAY_1 + 3 * DAY, scans: [c, b], lines: [], certificates: [] },
        worker,
      ),
    );
    expect(again.code).toBe("SHIPMENT_PACKAGE_SHIPPED");
    expect(again.message).toContain(first.number);
    expect(again.message).toContain(MARKET_CO.name);
    // Refused as a whole: c did not ship either.
    expect(shipments.read.stock(lot).remainingCount).toBe(2);

    expect(caught(() => shipments.records.resolveScan("https://example.com/not-a-label")).code).toBe(
      "SHIPMENT_SCAN_UNREADABLE",
    );
    const short = caught(() =>
      shipments.records.create(
        {
          buyer: GROCER,
          shippedAt: MAY_1 + 3 * DAY,
          scans: [c],
          lines: [{ lot, quantityKg: 9 }],
          certificates: [],
        },
        worker,
      ),
    );
    expect(short.code).toBe("SHIPMENT_STOCK_SHORT");
    // Two entries of one batch count together against what is left (7 + 8 = 15 kg left).
    const split = caught(() =>
      shipments.records.create(
        {
          buyer: GROCER,
          shippedAt: MAY_1 + 3 * DAY,
          scans: [],
          lines: [
            { lot, quantityKg: 8 },
            { lot, quantityKg: 7.5 },
          ],
          certificates: [],
        },
        worker,
      ),
    );
    expect(split.code).toBe("SHIPMENT_STOCK_SHORT");
    const bulk = shipments.records.create(
      {
        buyer: GROCER,
        shippedAt: MAY_1 + 3 * DAY,
        scans: [],
        lines: [
          { lot, quantityKg: 8 },
          { lot, quantityKg: 7 },
        ],
        certificates: [],
      },
      worker,
    );
    expect(bulk.lines).toEqual([{ lot, quantityKg: 15 }]);
    expect(shipments.read.stock(lot)).toMatchObject({ remainingKg: 0 });
  });

  it("validates the buyer's credit code, ID number and phone", () => {
    f = openDomainFixture();
    const buyers = f.domain.shipments.buyers;
    expect(caught(() => buyers.put({ ...MARKET_CO, idNumber: "91350100705432128H" })).message).toContain(
      "校验码应为 G",
    );
    expect(caught(() => buyers.put({ ...GROCER, idNumber: "110105194912310021" })).code).toBe(
      "SHIPMENT_BUYER_INVALID",
    );
    expect(caught(() => buyers.put({ ...GROCER, phone: "1380013800" })).message).toContain("11 位");
    expect(caught(() => buyers.put({ name: "无地址", phone: "13800138000" })).code).toBe(
      "SHIPMENT_BUYER_INVALID",
    );
    const grocer = buyers.put(GROCER);
    expect(grocer).toMatchObject({ idKind: "id_card", phone: "13800138000" });
    // The same number again is the same buyer, updated.
    expect(buyers.put({ ...GROCER, phone: "13900001111" })).toMatchObject({
      id: grocer.id,
      phone: "13900001111",
    });
    expect(buyers.put(CANTEEN)).toMatchObject({ idKind: "credit_code", phone: "13900000000" });
  });
});

describe("recall, trace page and EPCIS", () => {
  it("an incoming lot used in two batches shipped to three buyers lists all of them, with contacts and quantities", () => {
    f = openDomainFixture();
    const { lots, serials } = twoBatchesFromOneSupplierLot(f);
    const [s0, s1] = serials as [string[], string[]];
    const r = f.domain.shipments.records;
    f.clock.now = MAY_1 + 3 * DAY;
    const cert = f.domain.certificates.issue({
      lot: lots[0] as string,
      basis: ["quality_control"],
    }).certificate;
    const one = r.create(
      {
        buyer: MARKET_CO,
        shippedAt: MAY_1 + 3 * DAY,
        scans: s0.slice(0, 2),
        lines: [],
        certificates: [cert.number],
      },
      worker,
    );
    expect(one.certificates).toEqual([cert.number]);
    // A certificate goes only with its own batch.
    const foreign = caught(() =>
      r.create(
        {
          buyer: GROCER,
          shippedAt: MAY_1 + 3 * DAY,
          scans: [s1[1] as string],
          lines: [],
          certificates: [cert.number],
        },
        worker,
      ),
    );
    expect(foreign.code).toBe("SHIPMENT_CERTIFICATE_MISMATCH");
    r.create(
      {
        buyer: GROCER,
        shippedAt: MAY_1 + 3 * DAY,
        scans: [s0[2] as string, s1[0] as string],
        lines: [],
        certificates: [],
      },
      worker,
    );
    r.create(
      {
        buyer: CANTEEN,
        shippedAt: MAY_1 + 4 * DAY,
        scans: [],
        lines: [{ lot: lots[1] as string, quantityKg: 10 }],
        certificates: [],
      },
      worker,
    );

    const report = f.domain.shipments.recall.run({ incoming: "SUP-A17" });
    expect(report.batches.map((b) => b.lot)).toEqual(lots);
    expect(report.incomingLots.map((l) => l.rawCode).sort()).toEqual(["SUP-A17", "SUP-B02"]);
    expect(report.buyers.map((b) => [b.name, b.phone, b.netKg]).sort()).toEqual(
      [
        [CANTEEN.name, "13900000000", 10],
        [GROCER.name, GROCER.phone, 12],
        [MARKET_CO.name, MARKET_CO.phone, 11],
      ].sort(),
    );
    const byBatch = f.domain.shipments.recall.run({ batch: lots[0] as string });
    expect(byBatch.batches[0]?.shipments.map((s) => [s.buyer.name, s.packageCount, s.netKg])).toEqual([
      [MARKET_CO.name, 2, 11],
      [GROCER.name, 1, 7],
    ]);

    // The trace record carries the shipments; the public page and JSON name the buyer, never the phone or ID.
    const record = f.domain.traceRecord(lots[0] as string);
    expect(record.shipments.map((s) => s.number)).toContain(one.number);
    const html = renderTracePage(record, {}, "Asia/Shanghai");
    const pub = JSON.stringify(publicTraceRecord(record));
    expect(html).toContain("销售去向");
    expect(html).toContain(MARKET_CO.name);
    expect(html).toContain(GROCER.market);
    for (const secret of [MARKET_CO.phone, GROCER.phone, GROCER.idNumber, MARKET_CO.idNumber, GROCER.name]) {
      expect(html).not.toContain(secret);
      expect(pub).not.toContain(secret);
    }

    // EPCIS: shipping ObjectEvent and AggregationEvent per shipment, and the document validates.
    const doc = exportEpcis(f.domain, station, { lot: lots[0] as string }, MAY_1 + 5 * DAY);
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const shipping = doc.epcisBody.eventList.filter((e) => e.bizStep === "shipping");
    expect(shipping).toHaveLength(2);
    expect(shipping[0]).toMatchObject({
      type: "ObjectEvent",
      action: "OBSERVE",
      disposition: "in_transit",
      sourceList: [{ type: "owning_party" }],
      destinationList: [{ type: "owning_party" }],
    });
    const aggregations = doc.epcisBody.eventList.filter((e) => e.type === "AggregationEvent");
    expect(aggregations.map((e) => (e.type === "AggregationEvent" ? e.childEPCs?.length : 0))).toEqual([
      2, 1,
    ]);
    const all = exportEpcis(f.domain, station, {}, MAY_1 + 5 * DAY);
    expect(validate(all), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(
      all.epcisBody.eventList.filter((e) => e.type === "ObjectEvent" && e.bizStep === "shipping"),
    ).toHaveLength(4);
  });
});
