import type { TraceRecord } from "../domain/trace-record/trace-record.js";
import { publicShipments } from "../shipments/public-shipment.js";
import { dayOf, esc } from "./html.js";

/**
 * 销售去向: where this batch went (flow trackable, 流向可跟踪), from the public projection of
 * its shipments only: date, buyer or market, quantity. Omitted when nothing has shipped.
 */
export function shipmentsCard(record: TraceRecord, timeZone: string): string {
  const shipped = publicShipments(record.shipments ?? [], record.batch.lot);
  if (shipped.length === 0) return "";
  const rows = shipped
    .map((s) => {
      const market = s.market && s.market !== s.to ? `<small>${esc(s.market)}</small>` : "";
      const count = s.packageCount > 0 ? `${s.packageCount} 件 · ` : "";
      return `<tr><td>${esc(dayOf(s.shippedAt, timeZone))}</td><td>${esc(s.to)}${market}</td><td>${esc(count)}${esc(s.netKg.toFixed(3))} kg</td></tr>`;
    })
    .join("");
  return `<section class="card" id="shipments"><h2>销售去向 <small>where it went</small></h2><table class="list">${rows}</table></section>`;
}
