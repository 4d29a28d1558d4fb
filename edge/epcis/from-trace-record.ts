import type { TestRecord } from "../domain/records.js";
import type { TraceRecord } from "../domain/trace-record/trace-record.js";
import type { EpcisEvent } from "./epcis-event.js";
import type { EpcisStation, Inspection, LotRef } from "./epcis-input.js";
import {
  batchCommissioned,
  environmentReported,
  inspection,
  packageCommissioned,
  packingTransformation,
} from "./events.js";
import { shipmentEventsForLot } from "./shipment-events.js";

/**
 * Every event of one batch, from its trace record (edge/domain): the lot's commissioning,
 * its packages, the packing transformation when incoming lots were used, its tests and the
 * environment summary of its sites over the growing window.
 */
export function eventsOfTraceRecord(station: EpcisStation, record: TraceRecord): EpcisEvent[] {
  const ref: LotRef = {
    lot: record.batch.lot,
    gtin: record.product.gtin,
    productId: record.product.id,
    productName: record.product.name,
  };
  const siteIds = record.sites.map((s) => s.id);
  const events: EpcisEvent[] = [
    batchCommissioned(
      station,
      {
        ref,
        openedAt: record.batch.openedAt,
        closedAt: record.batch.closedAt,
        harvestAt: record.batch.harvestAt,
        windowStart: record.batch.windowStart,
        windowEnd: record.batch.windowEnd,
        netKg: record.totals.netKg,
        packageCount: record.totals.packageCount,
        siteIds,
        nationalCode: record.batch.nationalCode,
        subjectName: record.subject?.name ?? null,
        originRegion: record.subject?.originRegion ?? null,
      },
      record.incomingLots.length > 0,
    ),
  ];
  for (const p of record.packages) {
    events.push(
      packageCommissioned(station, { ref, serial: p.serial, netKg: p.netKg, weighedAt: p.weighedAt }),
    );
  }
  if (record.incomingLots.length > 0) {
    events.push(
      packingTransformation(station, {
        output: ref,
        outputKg: record.totals.netKg,
        inputs: record.incomingLots,
        at: record.batch.closedAt ?? record.batch.openedAt,
      }),
    );
  }
  for (const t of record.tests) {
    events.push(
      inspection(station, inspectionOf(t, t.batchLot === ref.lot || t.batchLot === null ? ref : null)),
    );
  }
  const units = new Map(record.environment.summaries.map((s) => [s.metric, s.unit]));
  const environment = environmentReported(
    station,
    { ref, from: record.window.start, to: record.window.end, summaries: record.environment.summaries },
    (metric) => units.get(metric) ?? null,
  );
  if (environment) events.push(environment);
  for (const s of record.shipments ?? []) events.push(...shipmentEventsForLot(station, s, ref));
  return events;
}

/**
 * A test record as an inspection, for the trace-record export and the per-record uplink
 * (record-events.ts) alike; `ref` is the lot it is counted against, if any (they differ in how
 * they find it).
 */
export function inspectionOf(t: TestRecord, ref: LotRef | null): Inspection {
  return {
    testId: t.id,
    ref,
    siteId: t.siteId,
    sample: t.sample,
    method: t.method,
    kind: t.kind,
    result: t.result,
    inhibition: t.inhibition,
    threshold: t.threshold,
    reportNo: t.reportNo,
    items: t.items,
    testedAt: t.testedAt,
  };
}
