import { localDateTime } from "../core/local-day.js";
import type { RecallReport } from "./recall.js";

/** The recall report as a technician reads it in a terminal or a supervisor prints it. */
export function recallText(report: RecallReport, zone: string): string {
  const day = (ms: number) => localDateTime(ms, zone).slice(0, 10);
  const what =
    "batch" in report.query
      ? `批次 / batch ${report.query.batch}`
      : `来货 / supplier lot ${report.query.incoming}`;
  if (report.batches.length === 0) return `召回 ${what}: 没有找到批次 / no batch found`;
  const lines = [`召回 / recall: ${what}`];
  if (report.incomingLots.length > 0) {
    lines.push("", "原料来源 / supplier lots (backward):");
    for (const l of report.incomingLots) {
      const qty = l.quantity === null ? "" : `  ${l.quantity}${l.unit ?? ""}`;
      lines.push(`  #${l.id}  ${l.rawCode}  ${l.supplier ?? "-"}${qty}  ${day(l.receivedAt)}`);
    }
  }
  lines.push("", "批次与去向 / batches and where they went (forward):");
  for (const b of report.batches) {
    lines.push(`  ${b.lot}  ${b.productName}  ${b.packedCount} 件 / pkgs  ${b.packedKg} kg`);
    if (b.shipments.length === 0) lines.push("    (未出库 / not shipped)");
    for (const s of b.shipments) {
      const contact = [s.buyer.phone, s.buyer.market ?? s.buyer.address].filter(Boolean).join("  ");
      lines.push(
        `    ${day(s.shippedAt)}  ${s.number}  → ${s.buyer.name}  ${contact}  ${s.packageCount} 件  ${s.netKg} kg`,
      );
    }
  }
  lines.push("", `购货方 / buyers: ${report.buyers.length}`);
  for (const b of report.buyers) {
    const id = b.idNumber ? `  ${b.idNumber}` : "";
    lines.push(
      `  ${b.name}${id}  ${b.phone ?? "-"}  ${b.market ?? b.address ?? "-"}  ${b.shipments} 单  ${b.netKg} kg`,
    );
  }
  return lines.join("\n");
}
