import type { InputRecord } from "../records.js";
import { type BannedList, entriesIn } from "./banned-list.js";
import { type ComplianceBlock, citation } from "./compliance-blocks.js";
import type { Resolution } from "./ingredients.js";

/**
 * Every ingredient of one input against a banned/restricted list as in force on the harvest
 * day (DOMAIN.md §4: entries carry effective dates; the list in force on the harvest day
 * applies). `scopes` are the product's scopes (vegetables, tea, rice, …).
 */
export function listBlocks(
  list: BannedList,
  input: InputRecord,
  resolution: Resolution,
  days: { applied: string; harvest: string },
  scopes: readonly string[],
): ComplianceBlock[] {
  // Each ingredient separately, so 丁硫克百威 is not read as 克百威 across a boundary.
  const text = resolution.ingredients.map((i) => i.name).join(" | ");
  const named = (name: string) => (name === input.name ? name : `${input.name}（${name}）`);
  const ref = { inputId: input.id, input: input.name, siteId: input.siteId, appliedDay: days.applied };
  const out: ComplianceBlock[] = [];
  // Messages are "中文 / English" with one separator: the kiosk shows the half in its language.
  const what = input.kind === "vet_drug" || input.kind === "feed" ? "食品动物禁用药品" : "禁用农药";
  for (const e of entriesIn(list.banned, text)) {
    if (e.effectiveFrom && days.harvest < e.effectiveFrom) continue;
    const since = e.effectiveFrom ? `，${e.effectiveFrom} 起禁用` : "";
    out.push({
      kind: "banned",
      ...ref,
      substance: e.name,
      source: e.source,
      effectiveFrom: e.effectiveFrom ?? null,
      message: `${named(e.name)}是${what}（${citation(e.source)}${since}），${days.applied} 使用，本批次不能开具合格证 / ${e.name} is banned (${citation(e.source)}), used ${days.applied}`,
    });
  }
  for (const e of entriesIn(list.restricted, text)) {
    if (e.effectiveFrom && days.harvest < e.effectiveFrom) continue;
    const hit = e.notOn.filter((s) => scopes.includes(s));
    if (hit.length === 0) continue;
    // An outright ban already says more than a crop restriction of the same substance.
    if (out.some((b) => b.kind === "banned" && b.substance === e.name)) continue;
    const names = hit.map((s) => list.scopes[s]?.zh ?? s).join("、");
    out.push({
      kind: "restricted",
      ...ref,
      substance: e.name,
      scopes: hit,
      source: e.source,
      message: `${named(e.name)}禁止在${names}上使用（${citation(e.source)}），${days.applied} 使用 / ${e.name} is banned on ${hit.join(", ")} (used ${days.applied})`,
    });
  }
  return out;
}
