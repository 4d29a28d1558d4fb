import { type Static, Type } from "@sinclair/typebox";
import { loadDataFile, SHIPPED_LIST_HEADER } from "./shipped-file.js";

/**
 * Common names (GB 4839 通用名称), trade names and old codes of pesticides mapped to the active
 * ingredient and its chemical class (DOMAIN.md §4: inputs are written down by trade name, the
 * gate checks substances). Versioned data with a source per entry, never code.
 */
const Ingredient = Type.Object({
  name: Type.String({ minLength: 1 }),
  en: Type.String({ minLength: 1 }),
  /** Chemical class; a method's scope names classes (enzyme inhibition: organophosphate, carbamate). */
  class: Type.String({ minLength: 1 }),
  names: Type.Array(Type.String({ minLength: 1 })),
  source: Type.String({ minLength: 4 }),
});
export const SynonymTableSchema = Type.Object({
  ...SHIPPED_LIST_HEADER,
  ingredients: Type.Array(Ingredient),
});
export type SynonymTable = Static<typeof SynonymTableSchema>;
export type SynonymEntry = Static<typeof Ingredient>;

export const SHIPPED_SYNONYM_FILE = "pesticide-synonyms.json";

export function loadSynonymTable(file?: string): SynonymTable {
  return loadDataFile<SynonymTable>(
    SynonymTableSchema,
    SHIPPED_SYNONYM_FILE,
    "农药名称对照表 / synonym table",
    file,
  );
}

const isAsciiWord = (s: string) => /^[\x20-\x7e]+$/.test(s);

/** Where `needle` occurs in `hay`; ASCII names and digit codes (3911, 1605) only as whole tokens. */
function occurrences(hay: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = hay.indexOf(needle);
  while (at >= 0) {
    const end = at + needle.length;
    const before = hay[at - 1] ?? " ";
    const after = hay[end] ?? " ";
    const whole = !isAsciiWord(needle) || (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after));
    if (whole) out.push([at, end]);
    at = hay.indexOf(needle, at + 1);
  }
  return out;
}

/** Lookups over the table: canonical names, and every ingredient a free text names. */
export class Synonyms {
  private readonly byName = new Map<string, SynonymEntry>();

  constructor(readonly table: SynonymTable) {
    for (const e of table.ingredients) {
      for (const n of [e.name, e.en, ...e.names]) this.byName.set(n.toLowerCase(), e);
    }
  }

  /** The entry for an exact name (common, English, trade or code), case-insensitive. */
  exact(name: string): SynonymEntry | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /**
   * Ingredients a text names (乐斯本 → 毒死蜱, 40%氧化乐果乳油 → 氧乐果). A longer name wins over
   * one it contains: 氧化乐果 is 氧乐果, not also 乐果; 丁硫克百威 is not 克百威.
   */
  inText(text: string): SynonymEntry[] {
    return this.scan(text).entries;
  }

  /** The ingredients a text names and the text with those names blanked (for further lookups). */
  scan(text: string): { entries: SynonymEntry[]; rest: string } {
    const hay = text.toLowerCase();
    const hits: Array<{ entry: SynonymEntry; start: number; end: number }> = [];
    for (const [name, entry] of this.byName) {
      for (const [start, end] of occurrences(hay, name)) hits.push({ entry, start, end });
    }
    const kept = hits.filter(
      (h) =>
        !hits.some(
          (o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start,
        ),
    );
    const rest = hay.split("");
    for (const h of kept) rest.fill(" ", h.start, h.end);
    return { entries: [...new Set(kept.map((h) => h.entry))], rest: rest.join("") };
  }
}
