import type {
  EpcisEvent,
  ObjectEvent,
  QuantityElement,
  SensorElement,
  TransformationEvent,
} from "./epcis-event.js";
import type {
  BatchCommissioning,
  EnvironmentReport,
  EpcisStation,
  Inspection,
  LotRef,
  PackageCommissioning,
  PackingTransformation,
} from "./epcis-input.js";
import {
  eventId,
  incomingLotClass,
  lotClass,
  packageId,
  siteLocation,
  stationLocation,
  zoneOffset,
} from "./identifiers.js";
import { sensorType } from "./sensor-types.js";

/**
 * Station records → EPCIS 2.0 events (DOMAIN.md §3): commissioning (ObjectEvent ADD) of a
 * packed lot and of each package with its net weight in KGM and the lot's master data in
 * `ilmd`; the packing TransformationEvent from incoming lots to the packed lot; inspecting
 * (ObjectEvent OBSERVE) for residue tests; sensor_reporting with a sensorElementList for the
 * environment over the growing window. CBV 2.0 master-data attributes use the `cbvmda:`
 * prefix of the standard context; the station's own fields use `ts:`.
 */

const iso = (ms: number): string => new Date(ms).toISOString();
const kg = (netKg: number): number => Math.round(netKg * 1000) / 1000;

function base(station: EpcisStation, key: string, at: number) {
  return {
    eventID: eventId(station.code, key),
    eventTime: iso(at),
    eventTimeZoneOffset: zoneOffset(station.timezone, at),
  };
}

function lotQuantity(station: EpcisStation, ref: LotRef, netKg?: number): QuantityElement {
  const epcClass = lotClass(station.code, ref.lot, ref.gtin);
  return netKg !== undefined && netKg > 0 ? { epcClass, quantity: kg(netKg), uom: "KGM" } : { epcClass };
}

function lotMasterData(ref: LotRef, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ilmd: Record<string, unknown> = {
    "cbvmda:lotNumber": ref.lot,
    "ts:productId": ref.productId,
    "ts:productName": ref.productName,
  };
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined) ilmd[k] = v;
  return ilmd;
}

/**
 * The lot's quantity is commissioned exactly once: here, unless the lot is made from incoming
 * lots, when the TransformationEvent's output brings it into being; packages are commissioned
 * as instances (their EPCs) without adding to the lot's quantity again.
 */
export function batchCommissioned(
  station: EpcisStation,
  b: BatchCommissioning,
  transformed = false,
): ObjectEvent {
  const at = b.closedAt ?? b.openedAt;
  const firstSite = b.siteIds[0];
  return {
    type: "ObjectEvent",
    ...base(station, `batch:${b.ref.lot}`, at),
    action: "ADD",
    bizStep: "commissioning",
    disposition: "active",
    ...(transformed ? { epcList: [] } : { quantityList: [lotQuantity(station, b.ref, b.netKg)] }),
    readPoint: { id: firstSite ? siteLocation(station.code, firstSite) : stationLocation(station.code) },
    bizLocation: { id: stationLocation(station.code) },
    ilmd: lotMasterData(b.ref, {
      "cbvmda:harvestStartDate": b.harvestAt !== null ? iso(b.harvestAt).slice(0, 10) : null,
      "ts:growingWindowStart": iso(b.windowStart),
      "ts:growingWindowEnd": b.windowEnd !== null ? iso(b.windowEnd) : null,
      "ts:packageCount": b.packageCount,
      "ts:siteList": b.siteIds,
      "ts:nationalTraceCode": b.nationalCode,
      "ts:producerName": b.subjectName,
      "ts:originRegion": b.originRegion,
    }),
  };
}

export function packageCommissioned(station: EpcisStation, p: PackageCommissioning): ObjectEvent {
  return {
    type: "ObjectEvent",
    ...base(station, `package:${p.serial}`, p.weighedAt),
    action: "ADD",
    bizStep: "commissioning",
    disposition: "active",
    epcList: [packageId(station.code, p.ref.lot, p.serial, p.ref.gtin)],
    readPoint: { id: stationLocation(station.code) },
    ilmd: lotMasterData(p.ref, { "ts:packageSerial": p.serial, "ts:netKg": p.netKg }),
  };
}

/** UN/ECE Rec 20 codes of the units incoming lots are declared in. */
const INCOMING_UNITS: Readonly<Record<string, string>> = { kg: "KGM", g: "GRM", t: "TNE", lb: "LBR" };

export function packingTransformation(station: EpcisStation, t: PackingTransformation): TransformationEvent {
  return {
    type: "TransformationEvent",
    ...base(station, `transformation:${t.output.lot}`, t.at),
    bizStep: "commissioning",
    disposition: "active",
    inputQuantityList: t.inputs.map((input) => {
      const epcClass = incomingLotClass(station.code, input.id, input.rawCode);
      const uom = input.unit ? INCOMING_UNITS[input.unit.toLowerCase()] : undefined;
      return input.quantity !== null && uom ? { epcClass, quantity: input.quantity, uom } : { epcClass };
    }),
    outputQuantityList: [lotQuantity(station, t.output, t.outputKg)],
    readPoint: { id: stationLocation(station.code) },
    ilmd: lotMasterData(t.output),
    "ts:incomingLots": t.inputs.map((i) => ({ code: i.rawCode, kind: i.codeKind, supplier: i.supplier })),
  };
}

export function inspection(station: EpcisStation, test: Inspection): ObjectEvent {
  const where = test.siteId ? siteLocation(station.code, test.siteId) : stationLocation(station.code);
  const event: ObjectEvent = {
    type: "ObjectEvent",
    ...base(station, `test:${test.testId}`, test.testedAt),
    action: "OBSERVE",
    bizStep: "inspecting",
    // CBV 2.0 dispositions for an inspection outcome.
    disposition: test.result === "negative" ? "conformant" : "non_conformant",
    readPoint: { id: where },
    "ts:sample": test.sample,
    "ts:method": test.method,
    "ts:testKind": test.kind,
    "ts:result": test.result,
  };
  if (test.ref) event.quantityList = [lotQuantity(station, test.ref)];
  else event.epcList = [];
  if (test.inhibition !== null) event["ts:inhibitionPercent"] = test.inhibition;
  if (test.threshold !== null) event["ts:thresholdPercent"] = test.threshold;
  if (test.reportNo !== null) event["ts:reportNo"] = test.reportNo;
  if (test.items.length > 0) event["ts:items"] = test.items;
  return event;
}

/** Metric summaries over the growing window, one sensor element per site. */
export function environmentReported(
  station: EpcisStation,
  report: EnvironmentReport,
  units: (metric: string) => string | null,
): ObjectEvent | null {
  const bySite = new Map<string, SensorElement>();
  for (const s of report.summaries) {
    let element = bySite.get(s.siteId);
    if (!element) {
      element = {
        sensorMetadata: { startTime: iso(report.from), endTime: iso(report.to) },
        sensorReport: [],
      };
      bySite.set(s.siteId, element);
    }
    element.sensorReport.push({
      ...sensorType(s.metric, units(s.metric)),
      minValue: s.min,
      maxValue: s.max,
      meanValue: Math.round(s.mean * 1000) / 1000,
      "ts:metric": s.metric,
      "ts:site": s.siteId,
      "ts:count": s.count,
    });
  }
  if (bySite.size === 0) return null;
  const firstSite = [...bySite.keys()][0] as string;
  return {
    type: "ObjectEvent",
    ...base(station, `environment:${report.ref.lot}:${report.from}:${report.to}`, report.to),
    action: "OBSERVE",
    bizStep: "sensor_reporting",
    quantityList: [lotQuantity(station, report.ref)],
    readPoint: { id: siteLocation(station.code, firstSite) },
    sensorElementList: [...bySite.values()],
  };
}

export type { EpcisEvent };
