import type { Batch, CertStyle, IncomingLot, Subject } from "../records.js";
import type { ComplianceBlock } from "./compliance-blocks.js";

/**
 * What a certificate must say (管理办法, MARA order 2025 No. 4; DOMAIN.md §2): product,
 * quantity, 产地, the committing party and its contact, date and number. A batch says where it
 * came from: its sites, or for the buyer style (已收取并留存合格证) the incoming lots whose
 * certificates were collected, and the buyer's 产地 is theirs. No override passes these.
 */
export function contentBlocks(
  batch: Batch,
  subject: Subject | undefined,
  style: CertStyle,
  incoming: readonly IncomingLot[],
): ComplianceBlock[] {
  const out: ComplianceBlock[] = [];
  const block = (field: string, zh: string, en: string) =>
    out.push({ kind: "content", field, message: `不能开证：${zh} / ${en}` });
  if (!subject) block("subject", "尚未登记生产经营主体", "the subject is not set");
  else {
    if (!subject.contact?.trim()) block("contact", "主体没有联系方式", "the subject has no contact");
    if (style === "producer" && !(subject.originRegion ?? subject.address)?.trim())
      block("origin", "主体没有产地（originRegion 或地址）", "the subject has no origin (产地)");
  }
  if (style === "buyer") {
    const received = incoming.filter((l) => l.status === "received");
    if (received.length === 0)
      block(
        "incoming",
        "收购者合格证须关联已收取的来货合格证（来货批次）",
        "buyer style needs linked incoming lots",
      );
    for (const l of received.filter((x) => !x.origin?.trim()))
      block("origin", `来货批次 ${l.rawCode} 没有产地`, `incoming lot ${l.id} has no origin`);
  } else if (batch.siteIds.length === 0) {
    block("sites", "批次没有地块/圈舍/池塘，无法核对投入品", "the batch has no sites");
  }
  return out;
}

/** 产地 printed on the certificate: the subject's for a producer, the incoming lots' for a buyer. */
export function originOf(
  subject: Subject,
  style: CertStyle,
  incoming: readonly IncomingLot[],
): string | null {
  if (style === "buyer") {
    const origins = [...new Set(incoming.map((l) => l.origin?.trim()).filter((o): o is string => !!o))];
    return origins.length ? origins.join("、") : null;
  }
  return subject.originRegion ?? subject.address;
}
