import { describe, expect, it } from "vitest";
import { epcisDocument } from "../../../edge/epcis/document.js";
import type { LotRef } from "../../../edge/epcis/epcis-input.js";
import {
  batchCommissioned,
  environmentReported,
  inspection,
  packageCommissioned,
  packingTransformation,
} from "../../../edge/epcis/events.js";
import { eventId, zoneOffset } from "../../../edge/epcis/identifiers.js";
import { compileSchemaFile, EPCIS_SCHEMA_FILE } from "../../helpers/uplink-ajv.js";

const validate = compileSchemaFile(EPCIS_SCHEMA_FILE);
const station = { code: "ST01", name: "示范站", timezone: "Asia/Shanghai" };
const T = Date.parse("2026-05-01T08:00:00+08:00");
const withGtin: LotRef = {
  lot: "ST01-260501-0001-K",
  gtin: "06901234567892",
  productId: "tomato",
  productName: "番茄",
};
const noGtin: LotRef = {
  lot: "ST01-260501-0002-P",
  gtin: null,
  productId: "pepper",
  productName: "辣椒 / pepper",
};

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

describe("EPCIS 2.0 mapping of station records", () => {
  const batch = (ref: LotRef, netKg: number) =>
    batchCommissioned(station, {
      ref,
      openedAt: T - 86_400_000,
      closedAt: T,
      harvestAt: T,
      windowStart: T - 10 * 86_400_000,
      windowEnd: T,
      netKg,
      packageCount: 2,
      siteIds: ["gh1"],
      nationalCode: "110101202605010001",
      subjectName: "绿源蔬菜专业合作社",
      originRegion: null,
    });

  it("commissions a lot with its net quantity in KGM and lot master data, and each package as an instance", () => {
    const lot = batch(withGtin, 10.5);
    expect(lot).toMatchObject({
      type: "ObjectEvent",
      action: "ADD",
      bizStep: "commissioning",
      eventTimeZoneOffset: "+08:00",
      quantityList: [
        {
          epcClass: "https://id.gs1.org/01/06901234567892/10/ST01-260501-0001-K",
          quantity: 10.5,
          uom: "KGM",
        },
      ],
      ilmd: {
        "cbvmda:lotNumber": withGtin.lot,
        "ts:productName": "番茄",
        "ts:nationalTraceCode": "110101202605010001",
      },
    });
    expect(lot.ilmd).not.toHaveProperty("ts:originRegion");
    const pkg = packageCommissioned(station, {
      ref: noGtin,
      serial: "ST01-260501-0002-P-003",
      netKg: 5.25,
      weighedAt: T,
    });
    expect(pkg.epcList).toEqual(["urn:trace-station:ST01:package:ST01-260501-0002-P-003"]);
    // The lot's quantity is commissioned once, by the lot: a package is an instance with its weight.
    expect(pkg).not.toHaveProperty("quantityList");
    expect(pkg.ilmd).toMatchObject({ "ts:netKg": 5.25 });
    expectValid(epcisDocument([lot, pkg, batch(noGtin, 0)], T));
  });

  it("maps incoming lots to the packed lot as a TransformationEvent", () => {
    const event = packingTransformation(station, {
      output: withGtin,
      outputKg: 10.5,
      at: T,
      inputs: [
        {
          id: 1,
          rawCode: "https://id.gs1.org/01/06901234500003/10/A17",
          codeKind: "gs1",
          supplier: "甲合作社",
          quantity: 100,
          unit: "kg",
          receivedAt: T,
        },
        {
          id: 2,
          rawCode: "12345678901234567890",
          codeKind: "national",
          supplier: null,
          quantity: 3,
          unit: "箱",
          receivedAt: T,
        },
      ],
    });
    expect(event.inputQuantityList).toEqual([
      { epcClass: "https://id.gs1.org/01/06901234500003/10/A17", quantity: 100, uom: "KGM" },
      { epcClass: "urn:trace-station:ST01:incoming:2" },
    ]);
    expect(event.outputQuantityList?.[0]).toMatchObject({ quantity: 10.5, uom: "KGM" });
    expectValid(epcisDocument([event], T));
  });

  it("records tests as OBSERVE inspecting, with or without a lot", () => {
    const negative = inspection(station, {
      testId: 7,
      ref: withGtin,
      siteId: "gh1",
      sample: "番茄",
      method: "GB/T 5009.199-2003",
      kind: "screen",
      result: "negative",
      inhibition: 8,
      threshold: 50,
      reportNo: null,
      items: [],
      testedAt: T,
    });
    const positive = inspection(station, {
      testId: 8,
      ref: null,
      siteId: null,
      sample: "青菜",
      method: "lab",
      kind: "lab",
      result: "positive",
      inhibition: null,
      threshold: null,
      reportNo: "R-2026-001",
      items: ["毒死蜱"],
      testedAt: T,
    });
    expect(negative).toMatchObject({ action: "OBSERVE", bizStep: "inspecting", disposition: "conformant" });
    expect(positive).toMatchObject({ disposition: "non_conformant", epcList: [], "ts:items": ["毒死蜱"] });
    expectValid(epcisDocument([negative, positive], T));
  });

  it("reports the environment as sensor_reporting with a sensorElementList per site", () => {
    const units: Record<string, string | null> = {
      air_temp: "°C",
      air_rh: "%RH",
      soil_ph: "pH",
      par: "µmol/m²/s",
    };
    const event = environmentReported(
      station,
      {
        ref: withGtin,
        from: T - 10 * 86_400_000,
        to: T,
        summaries: [
          { siteId: "gh1", metric: "air_temp", min: 12.5, mean: 21.33333, max: 31, count: 1440 },
          { siteId: "gh1", metric: "air_rh", min: 40, mean: 60, max: 95, count: 1440 },
          { siteId: "gh2", metric: "soil_ph", min: 6.1, mean: 6.5, max: 6.9, count: 20 },
          { siteId: "gh2", metric: "par", min: 0, mean: 300, max: 1500, count: 20 },
        ],
      },
      (m) => units[m] ?? null,
    );
    expect(event?.bizStep).toBe("sensor_reporting");
    expect(event?.sensorElementList).toHaveLength(2);
    expect(event?.sensorElementList?.[0]?.sensorReport[0]).toMatchObject({
      type: "Temperature",
      uom: "CEL",
      minValue: 12.5,
      meanValue: 21.333,
      maxValue: 31,
    });
    expect(event?.sensorElementList?.[1]?.sensorReport[0]).toEqual(
      expect.objectContaining({ type: "ts:soil_ph", "ts:metric": "soil_ph" }),
    );
    expect(event?.sensorElementList?.[1]?.sensorReport[0]).not.toHaveProperty("uom");
    expectValid(epcisDocument(event ? [event] : [], T));
    expect(
      environmentReported(station, { ref: withGtin, from: T, to: T, summaries: [] }, () => null),
    ).toBeNull();
  });

  it("gives documents a urn:uuid id, events stable name-based ids, and local offsets", () => {
    const doc = epcisDocument([], T);
    expect(doc.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventId("ST01", "batch:X")).toBe(eventId("ST01", "batch:X"));
    expect(eventId("ST01", "batch:X")).not.toBe(eventId("ST02", "batch:X"));
    expect(eventId("ST01", "batch:X")).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
    expect(zoneOffset("Asia/Shanghai", T)).toBe("+08:00");
    expect(zoneOffset("UTC", T)).toBe("+00:00");
    expect(zoneOffset("America/New_York", T)).toBe("-04:00");
  });

  it("the validator is not a rubber stamp: a blank-node document id and a bad uom are refused", () => {
    const doc = epcisDocument([batch(withGtin, 1)], T, "_:document1");
    expect(validate(doc)).toBe(false);
    const bad = epcisDocument([batch(withGtin, 1)], T);
    const event = bad.epcisBody.eventList[0] as { quantityList: Array<{ uom: string }> };
    (event.quantityList[0] as { uom: string }).uom = "kg";
    expect(validate(bad)).toBe(false);
  });
});
