import type { InputRecord, Product } from "../records.js";
import type { ComplianceBlock } from "./compliance-blocks.js";
import type { Resolution } from "./ingredients.js";

/** Which withdrawal applies to a product: to slaughter (meat), 弃蛋期 (eggs) or 弃奶期 (milk). */
export type AnimalProduct = "meat" | "eggs" | "milk";

export function productKindOf(product: Product): AnimalProduct | null {
  if (product.category === "eggs") return "eggs";
  const names = `${product.name} ${product.crop ?? ""}`;
  if (product.category === "livestock" && /奶|乳|milk/i.test(names)) return "milk";
  if (["livestock", "poultry", "aquatic"].includes(product.category)) return "meat";
  return null;
}

/**
 * Days the interval rule uses for one input. Plants: the label's pre-harvest interval. Animal
 * products (DOMAIN.md §4 休药期, 农业部公告第278号): the record's own period for this product
 * when given; otherwise the longer of the record's days and the shipped table's period for the
 * product, so a table entry never shortens what the label said.
 */
export function intervalDaysFor(
  input: InputRecord,
  resolution: Resolution,
  kind: AnimalProduct | null,
): number {
  if (kind === null || (input.kind !== "vet_drug" && input.kind !== "feed")) return input.intervalDays;
  const own = input.animal?.withdrawal?.[kind];
  if (own !== undefined) return own;
  const table = Math.max(0, ...resolution.drugs.map((d) => d.withdrawal[kind] ?? 0));
  return Math.max(input.intervalDays, table);
}

/** Drugs not for laying hens on an egg batch, not for lactating animals on a milk batch. */
export function animalBlocks(
  input: InputRecord,
  resolution: Resolution,
  kind: AnimalProduct | null,
  ref: { inputId: number; input: string; siteId: string; appliedDay: string },
): ComplianceBlock[] {
  if (kind !== "eggs" && kind !== "milk") return [];
  if (input.kind !== "vet_drug" && input.kind !== "feed") return [];
  const flag = kind === "eggs" ? "notForLayers" : "notForLactating";
  const own = input.animal?.[flag];
  const flagged =
    own === true
      ? [{ name: input.name, source: "投入品记录 / the input record" }]
      : own === false
        ? []
        : resolution.drugs.filter((d) => d[flag] === true);
  return flagged.map((d) => ({
    kind: kind === "eggs" ? ("not_for_layers" as const) : ("not_for_lactating" as const),
    ...ref,
    substance: d.name,
    message:
      kind === "eggs"
        ? `${input.name}（${d.name}）产蛋期禁用（${d.source.split(/[:：]/)[0]}），${ref.appliedDay} 使用，本批鸡蛋不能开证 / ${d.name} is not for laying hens`
        : `${input.name}（${d.name}）泌乳期禁用（${d.source.split(/[:：]/)[0]}），${ref.appliedDay} 使用，本批奶不能开证 / ${d.name} is not for lactating animals`,
  }));
}
