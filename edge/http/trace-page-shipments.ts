import type { TraceRecord } from "../domain/trace-record/trace-record.js";
import { publicShipments } from "../shipments/public-shipment.js";
import { dayOf, esc } from "./html.js";

/**
 * 销售去向: where this batch went (flow trackable, 流向可跟踪), from the public projection of
 * its shipments only: date, buyer or market, quantity. Omitted when nothing has shipped.
 * `focusSerial`: the package the scanned code named, whose shipment is marked.
 */
export function shipmentsCard(record: TraceRecord, timeZone: string, focusSerial?: string): string {
  const shipments = record.shipments ?? [];
  const shipped = publicShipments(shipments, record.batch.lot);
  if (shipped.length === 0) return "";
  const rows = shipped
    .map((s, i) => {
      // The scanned package's own shipment is highlighted, as the packages card does.
      const mine = focusSerial !== undefined && shipments[i]?.packages.some((p) => p.serial === focusSerial);
      const market = s.market && s.market !== s.to ? `<small>${esc(s.market)}</small>` : "";
      const count = s.packageCount > 0 ? `${s.packageCount} 件 · ` : "";
      return `<tr${mine ? ' class="mine"' : ""}><td>${esc(dayOf(s.shippedAt, timeZone))}</td><td>${esc(s.to)}${market}</td><td>${esc(count)}${esc(s.netKg.toFixed(3))} kg</td></tr>`;
    })
    .join("");
  return `<section class="card" id="shipments"><h2>销售去向 <small>where it went</small></h2><table class="list">${rows}</table></section>`;
}
