import "./livestock-codes.js";
import { StationError } from "../core/station-error.js";
import type { Domain } from "../domain/domain.js";
import type { AnimalRecords } from "./animal-records.js";
import type { SaleBatch } from "./sale-batch.js";

/**
 * A closed sale with a product becomes a station batch, so the existing certificate and trace
 * record apply: one package per head at its live weight, the animals' pens as the batch's
 * sites, their arrival as the window start, the closing time as the slaughter/sale time, and
 * the 动物检疫合格证明 number on the batch (printed on the certificate).
 */
export function saleToBatch(domain: Domain, animals: AnimalRecords): (sale: SaleBatch) => string | null {
  return (sale) => {
    if (sale.productId === null) return null;
    const unweighed = sale.animals.filter((a) => a.weightKg === null);
    if (unweighed.length > 0) {
      throw new StationError(
        "LIVESTOCK_SALE_UNWEIGHED",
        `出栏批次 ${sale.number} 有 ${unweighed.length} 头未称重：${unweighed.map((a) => a.written).join("、")} / ${unweighed.length} animals without a weight`,
        { sale: sale.number, tags: unweighed.map((a) => a.tag) },
      );
    }
    const members = sale.animals.map((a) => animals.require(a.tag));
    const siteIds = [...new Set(members.flatMap((a) => (a.siteId ? [a.siteId] : [])))];
    const windowStart = Math.min(...members.map((a) => a.registeredAt));
    const batch = domain.batches.open({
      productId: sale.productId,
      siteIds,
      windowStart,
      note: `出栏批次 ${sale.number}（${sale.heads} 头）/ sale ${sale.number}`,
    });
    for (const a of sale.animals) {
      domain.packages.add(batch.lot, { netKg: a.weightKg ?? 0, weighedAt: a.scannedAt }, { source: "api" });
    }
    domain.batches.close(batch.lot, { harvestAt: sale.closedAt ?? sale.openedAt });
    if (sale.quarantineNo) domain.batches.setQuarantineNo(batch.lot, sale.quarantineNo);
    return batch.lot;
  };
}
