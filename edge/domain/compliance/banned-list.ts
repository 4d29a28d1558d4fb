import "../../core/core-codes.js";
import "../domain-codes.js";
import { type Static, Type } from "@sinclair/typebox";
import { StationError } from "../../core/station-error.js";
import type { ProductCategory } from "../records.js";
import { loadDataFile, SHIPPED_LIST_HEADER, shippedListPath } from "./shipped-file.js";

/**
 * The banned/restricted pesticide list (禁限用农药名录) as versioned data (DOMAIN.md §4): the
 * list changes by announcement, so it is a JSON file with its source and date, never code.
 */
const Entry = Type.Object({
  name: Type.String({ minLength: 1 }),
  aliases: Type.Array(Type.String({ minLength: 1 })),
  /**
   * "YYYY-MM-DD": the entry is in force from this day. The gate applies the list as in force
   * on the harvest day (a product harvested after a ban took effect cannot be promised clean).
   */
  effectiveFrom: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
  /** The announcement (number, date, clause) the entry comes from: every entry cites one. */
  source: Type.String({ minLength: 4 }),
  note: Type.Optional(Type.String()),
});
const Restricted = Type.Intersect([
  Entry,
  Type.Object({ notOn: Type.Array(Type.String(), { minItems: 1 }) }),
]);
const Scope = Type.Object({
  zh: Type.String(),
  categories: Type.Array(Type.String()),
  crops: Type.Array(Type.String()),
});
export const BannedListSchema = Type.Object({
  ...SHIPPED_LIST_HEADER,
  scopes: Type.Record(Type.String(), Scope),
  banned: Type.Array(Entry),
  restricted: Type.Array(Restricted),
});
export type BannedList = Static<typeof BannedListSchema>;
export type BannedEntry = Static<typeof Entry>;

export const SHIPPED_LIST_FILE = "banned-pesticides.json";
/** Drugs banned for food animals (and restricted ones), same format, checked for vet drugs and feed. */
export const SHIPPED_VET_LIST_FILE = "vet-drugs-banned-250.json";

export function loadBannedList(file?: string, shipped = SHIPPED_LIST_FILE): BannedList {
  const path = file ?? shippedListPath(shipped);
  const list = loadDataFile<BannedList>(BannedListSchema, shipped, "禁限用农药名录 / banned list", path);
  for (const r of list.restricted) {
    for (const scope of r.notOn) {
      if (!list.scopes[scope]) {
        throw new StationError(
          "DOMAIN_INVALID",
          `名录 ${r.name} 引用了未定义的范围 ${scope} / undefined scope`,
          { path },
        );
      }
    }
  }
  return list;
}

/** Scopes (vegetables, tea, peanut, …) a product falls in, from its category and crop name. */
export function scopesOf(
  list: BannedList,
  category: ProductCategory,
  crops: ReadonlyArray<string | null>,
): string[] {
  const names = crops.filter((c): c is string => !!c);
  return Object.entries(list.scopes)
    .filter(
      ([, s]) => s.categories.includes(category) || s.crops.some((c) => names.some((n) => n.includes(c))),
    )
    .map(([key]) => key);
}

/**
 * Entries named in a text (product name or active ingredient). A longer name wins over one it
 * contains: 丁硫克百威 is not 克百威, 甲基对硫磷 is reported once, not also as 对硫磷.
 */
export function entriesIn<T extends BannedEntry>(entries: readonly T[], text: string): T[] {
  const hay = text.toLowerCase();
  const hits: Array<{ entry: T; start: number; end: number }> = [];
  for (const entry of entries) {
    for (const n of [entry.name, ...entry.aliases]) {
      const needle = n.toLowerCase();
      let at = hay.indexOf(needle);
      while (at >= 0) {
        hits.push({ entry, start: at, end: at + needle.length });
        at = hay.indexOf(needle, at + 1);
      }
    }
  }
  const kept = hits.filter(
    (h) =>
      !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
  return [...new Set(kept.map((h) => h.entry))];
}
