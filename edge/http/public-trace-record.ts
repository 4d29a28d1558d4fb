import type { TraceRecord } from "../domain/trace-record/trace-record.js";
import { publicShipments } from "../shipments/public-shipment.js";

/**
 * The trace record as anyone may read it: exactly what the public trace page shows
 * (edge/http/trace-page.ts), field by field. Built by listing what is kept, never by deleting
 * what is private, so a field added to the records later stays private until it is put here
 * and on the page. Operator names, batch notes, device ids, overrides and who issued a
 * certificate are never in it.
 */
export function publicTraceRecord(record: TraceRecord) {
  const { product, batch, subject } = record;
  return {
    version: record.version,
    station: { code: record.station.code, name: record.station.name },
    product: {
      name: product.name,
      category: product.category,
      gtin: product.gtin,
      greenCode: product.greenCode,
      organicCode: product.organicCode,
    },
    origin: subject?.originRegion ?? subject?.address ?? null,
    subject: subject
      ? { name: subject.name, idNumber: subject.idNumber, address: subject.address, contact: subject.contact }
      : null,
    sites: record.sites.map((s) => ({ id: s.id, name: s.name })),
    batch: { lot: batch.lot, nationalCode: batch.nationalCode, harvestAt: batch.harvestAt },
    window: { start: record.window.start, end: record.window.end },
    totals: { packageCount: record.totals.packageCount, netKg: record.totals.netKg },
    certificates: record.certificates.map((c) => ({
      number: c.number,
      status: c.status,
      voidReason: c.status === "void" ? c.voidReason : null,
      quantity: c.quantity,
      unit: c.unit,
      packageCount: c.packageCount,
      basis: c.basis,
      issuedAt: c.issuedAt,
      subjectName: c.content.subjectName,
      commitment: c.content.commitment,
    })),
    inputs: record.inputs.map((i) => ({
      appliedAt: i.appliedAt,
      name: i.name,
      kind: i.kind,
      regNo: i.regNo,
      intervalDays: i.intervalDays,
    })),
    tests: record.tests.map((t) => ({
      testedAt: t.testedAt,
      sample: t.sample,
      method: t.method,
      inhibition: t.inhibition,
      reportNo: t.reportNo,
      result: t.result,
    })),
    environment: {
      summaries: record.environment.summaries.map((s) => ({
        siteId: s.siteId,
        metric: s.metric,
        unit: s.unit,
        min: s.min,
        mean: s.mean,
        max: s.max,
      })),
      series: record.environment.series,
    },
    incomingLots: record.incomingLots.map((l) => ({
      receivedAt: l.receivedAt,
      supplier: l.supplier,
      rawCode: l.rawCode.slice(0, 64),
    })),
    packages: record.packages.map((p) => ({
      serial: p.serial,
      seq: p.seq,
      netKg: p.netKg,
      weighedAt: p.weighedAt,
    })),
    shipments: publicShipments(record.shipments ?? [], batch.lot),
    alarms: (record.alarms ?? []).map((a) => ({
      ruleId: a.ruleId,
      siteId: a.siteId,
      metric: a.metric,
      kind: a.kind,
      severity: a.severity,
      threshold: a.threshold,
      value: a.value,
      since: a.since,
      acknowledged: a.acknowledged !== null,
      cleared: a.cleared ? { at: a.cleared.at } : null,
    })),
    codes: { ...record.codes },
    assembledAt: record.assembledAt,
  };
}

export type PublicTraceRecord = ReturnType<typeof publicTraceRecord>;
