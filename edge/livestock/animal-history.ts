import type { Database } from "better-sqlite3";
import { localDay } from "../core/local-day.js";
import type { Animal } from "./animal.js";
import type { SaleBatch } from "./sale-batch.js";
import type { Treatment } from "./treatment-records.js";

/** One line of an animal's trace record, oldest first. */
export interface HistoryEntry {
  kind: "born" | "arrived" | "tag_replaced" | "treatment" | "weight" | "sale" | "slaughter";
  at: number;
  day: string;
  text: { zh: string; en: string };
}

export interface AnimalHistory {
  animal: Animal;
  entries: HistoryEntry[];
  treatments: Treatment[];
  weights: Array<{ kg: number; at: number; deviceId: string | null }>;
  sales: SaleBatch[];
}

/**
 * An animal's history for its trace page and `animal show`: arrival or birth, tag
 * replacements, treatments with their withdrawal, weighings, and the sale it left in with
 * the quarantine certificate number.
 */
export function assembleHistory(
  db: Database,
  animal: Animal,
  treatments: Treatment[],
  sales: SaleBatch[],
  timezone: string,
): AnimalHistory {
  const weights = (
    db
      .prepare("SELECT kg, at, device_id FROM animal_weights WHERE animal_id = ? ORDER BY at, id")
      .all(animal.id) as Array<{ kg: number; at: number; device_id: string | null }>
  ).map((w) => ({ kg: w.kg, at: w.at, deviceId: w.device_id }));
  const entries: HistoryEntry[] = [];
  const push = (kind: HistoryEntry["kind"], at: number, zh: string, en: string, day?: string) =>
    entries.push({ kind, at, day: day ?? localDay(at, timezone), text: { zh, en } });
  if (animal.origin === "arrived") {
    push(
      "arrived",
      animal.registeredAt,
      `引入${animal.source ? `，来自 ${animal.source}` : ""}`,
      `arrived${animal.source ? ` from ${animal.source}` : ""}`,
      animal.arrivedOn ?? undefined,
    );
  } else {
    push("born", animal.registeredAt, "本场出生", "born on the farm", animal.bornOn ?? undefined);
  }
  for (const t of animal.formerTags) {
    push(
      "tag_replaced",
      t.replacedAt,
      `更换耳标，原耳标 ${t.tag}${t.reason ? `（${t.reason}）` : ""}`,
      `tag replaced, former tag ${t.tag}`,
    );
  }
  for (const t of treatments) {
    push(
      "treatment",
      t.appliedAt,
      `用药 ${t.drug}${t.dose ? ` ${t.dose}` : ""}，休药期 ${t.meatDays} 天${t.milkDays !== null ? `，弃奶期 ${t.milkDays} 天` : ""}`,
      `treated with ${t.drug}, withdrawal ${t.meatDays} d${t.milkDays !== null ? `, milk ${t.milkDays} d` : ""}`,
      t.appliedDay,
    );
  }
  for (const w of weights)
    push("weight", w.at, `称重 ${w.kg.toFixed(1)} kg`, `weighed ${w.kg.toFixed(1)} kg`);
  for (const s of sales) {
    if (s.state !== "closed" || s.closedAt === null) continue;
    const kind = s.kind === "slaughter" ? "slaughter" : "sale";
    push(
      kind,
      s.closedAt,
      `${s.kind === "slaughter" ? "屠宰" : "出栏销售"}，批次 ${s.number}，动物检疫合格证明 ${s.quarantineNo ?? "-"}${s.destination ? `，去向 ${s.destination}` : ""}`,
      `${s.kind === "slaughter" ? "slaughtered" : "sold"} in ${s.number}, quarantine certificate ${s.quarantineNo ?? "-"}`,
    );
  }
  entries.sort((a, b) => a.day.localeCompare(b.day) || a.at - b.at);
  return { animal, entries, treatments, weights, sales };
}
