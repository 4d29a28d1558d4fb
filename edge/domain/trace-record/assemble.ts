import type { AlarmHistory, Domain } from "../domain.js";
import type { Site } from "../records.js";
import { TRACE_RECORD_VERSION, type TraceRecord } from "./trace-record.js";

/**
 * Assemble a batch's trace record from its records and the hourly rollups of its sites. The
 * window of an open batch runs to now.
 */
export function assembleTraceRecord(
  domain: Domain,
  station: { code: string; name: string },
  lot: string,
  now: number,
  alarms?: AlarmHistory,
): TraceRecord {
  const batch = domain.batches.require(lot);
  const product = domain.master.requireProduct(batch.productId);
  const start = batch.windowStart;
  const end = batch.windowEnd ?? batch.harvestAt ?? now;
  const sites = batch.siteIds.map((id) => domain.master.site(id)).filter((s): s is Site => s !== undefined);
  const { siteIds, ...batchFields } = batch;
  const totals = domain.packages.totals(lot);
  return {
    version: TRACE_RECORD_VERSION,
    station: { code: station.code, name: station.name },
    subject: domain.master.subject() ?? null,
    product,
    batch: batchFields,
    sites,
    window: { start, end },
    inputs: domain.inputs.forSites(siteIds, start, end).map((i) => ({
      ...i,
      ingredients: domain.ingredients.resolve(i).ingredients.map((x) => x.name),
    })),
    tests: domain.tests.forBatch(lot, siteIds, start, end),
    environment: domain.environment.environment(siteIds, start, end),
    alarms: alarms?.forSites(siteIds, start, end) ?? [],
    incomingLots: domain.incoming.forBatch(lot),
    packages: domain.packages.forBatch(lot),
    totals: { packageCount: totals.count, netKg: totals.netKg },
    certificates: domain.certificates.forBatch(lot),
    shipments: domain.shipments.read.forBatch(lot),
    codes: {
      lot,
      nationalCode: batch.nationalCode,
      gtin: product.gtin,
      greenCode: product.greenCode,
      organicCode: product.organicCode,
    },
    assembledAt: now,
  };
}
