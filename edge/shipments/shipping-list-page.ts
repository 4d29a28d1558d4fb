import { localDateTime } from "../core/local-day.js";
import { esc } from "../http/html.js";
import type { Shipment } from "./shipment-records-types.js";

/**
 * The shipping list (出库清单 / 送货单) handed over with the goods: buyer, what left by batch
 * with count and weight, the certificates that went with it, the vehicle. A self-contained page
 * the kiosk prints (A5 or a receipt printer's page); two signature lines for hand-over.
 */
export function shippingListPage(s: Shipment, stationName: string, timeZone: string): string {
  const byLot = new Map<string, { count: number; kg: number; serials: string[] }>();
  for (const p of s.packages) {
    const row = byLot.get(p.lot) ?? { count: 0, kg: 0, serials: [] };
    row.count += 1;
    row.kg += p.netKg;
    row.serials.push(p.serial.slice(p.lot.length + 1));
    byLot.set(p.lot, row);
  }
  for (const l of s.lines) {
    const row = byLot.get(l.lot) ?? { count: 0, kg: 0, serials: [] };
    row.kg += l.quantityKg;
    byLot.set(l.lot, row);
  }
  const rows = [...byLot.entries()]
    .map(
      ([lot, r]) =>
        `<tr><td><code>${esc(lot)}</code>${r.serials.length > 0 ? `<small>${esc(r.serials.join(" "))}</small>` : ""}</td><td>${r.count > 0 ? r.count : "—"}</td><td>${(Math.round(r.kg * 1000) / 1000).toFixed(3)}</td></tr>`,
    )
    .join("");
  const b = s.buyer;
  const line = (zh: string, en: string, value: string | null) =>
    value ? `<tr><th>${zh}<small>${en}</small></th><td>${esc(value)}</td></tr>` : "";
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>出库清单 ${esc(s.number)}</title><style>
body{font:14px/1.45 "Noto Sans CJK SC","PingFang SC",system-ui,sans-serif;margin:12mm;color:#000}
h1{font-size:20px;margin:0 0 4px}table{width:100%;border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #000;padding:4px 6px;text-align:left;vertical-align:top}th{width:28%;font-weight:500}
small{display:block;font-size:11px;color:#333}code{font-family:ui-monospace,monospace}
.sign{display:flex;gap:24px;margin-top:24px}.sign div{flex:1;border-top:1px solid #000;padding-top:4px}
@page{size:A5;margin:8mm}
</style></head><body><h1>出库清单 <small>shipping list</small></h1>
<div>${esc(stationName)} · <code>${esc(s.number)}</code> · ${esc(localDateTime(s.shippedAt, timeZone))}</div>
<table>${line("购货方", "buyer", b.name)}${line("证件号", "ID", b.idNumber)}${line("电话", "phone", b.phone)}${line("市场", "market", b.market)}${line("地址", "address", b.address)}${line("车牌", "vehicle", s.vehiclePlate)}${line("随货合格证", "certificates", s.certificates.join("、") || null)}</table>
<table><tr><th>批次 / lot</th><th>件数 / pkgs</th><th>净重 kg</th></tr>${rows}
<tr><th>合计 / total</th><td>${s.totals.packageCount}</td><td>${s.totals.netKg.toFixed(3)}</td></tr></table>
<div class="sign"><div>发货人 / shipped by</div><div>收货人 / received by</div></div></body></html>`;
}
