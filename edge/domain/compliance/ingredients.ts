import { type InputProducts, splitIngredients } from "../inputs/input-products.js";
import type { InputRecord } from "../records.js";
import { type BannedList, entriesIn } from "./banned-list.js";
import type { Synonyms } from "./synonyms.js";
import { drugsIn, type VetDrug, type VetDrugTable } from "./vet-drug-table.js";

/** One active ingredient of an input, and how the station knows it. */
export interface ResolvedIngredient {
  name: string;
  /** Chemical class from the synonym table (null: not in the table, typed as given). */
  class: string | null;
  via: "typed" | "registry" | "name";
}

export interface Resolution {
  ingredients: ResolvedIngredient[];
  /** Veterinary drugs of the shipped table the input is (withdrawal per product, flags). */
  drugs: VetDrug[];
  /** No ingredient known for an input that must have one: the gate says 成分未知. */
  unknown: boolean;
}

/** A 药肥 (fertilizer carrying a pesticide) or a fertilizer with a pesticide registration. */
const PESTICIDE_FERTILIZER = /药肥|杀虫|杀菌|除草/;
const PESTICIDE_REG = /^(PD|LS|WP|WL)/;

/**
 * Inputs → active ingredients (DOMAIN.md §4 "check substances, not names"): the typed active
 * ingredients, the station's registry entry for the registration number, and every ingredient
 * the product name gives away (common names, trade names, old codes; banned-list names).
 */
export class IngredientResolver {
  constructor(
    private readonly synonyms: Synonyms,
    private readonly products: InputProducts,
    private readonly lists: { pesticides: BannedList; vetDrugs: BannedList },
    private readonly vetTable: VetDrugTable,
  ) {}

  resolve(input: InputRecord): Resolution {
    const out = new Map<string, ResolvedIngredient>();
    const add = (name: string, via: ResolvedIngredient["via"]) => {
      const entry = this.synonyms.exact(name) ?? this.synonyms.inText(name)[0];
      const canonical = entry?.name ?? name;
      if (!out.has(canonical)) out.set(canonical, { name: canonical, class: entry?.class ?? null, via });
    };
    for (const part of splitIngredients(input.activeIngredient)) {
      const named = this.named(part);
      if (named.length === 0) add(part, "typed");
      for (const n of named) add(n, "typed");
    }
    const product = input.regNo ? this.products.get(input.regNo) : undefined;
    for (const n of product?.ingredients ?? []) add(n, "registry");
    for (const n of this.named(input.name)) add(n, "name");
    const drugText = [input.name, input.activeIngredient ?? "", ...out.keys()].join(" ");
    const drugs = input.kind === "vet_drug" || input.kind === "feed" ? drugsIn(this.vetTable, drugText) : [];
    for (const d of drugs) add(d.name, "name");
    return { ingredients: [...out.values()], drugs, unknown: out.size === 0 && this.mustKnow(input) };
  }

  /** Ingredient names a text gives away: synonym table first, then the lists' own names. */
  private named(text: string): string[] {
    const { entries, rest } = this.synonyms.scan(text);
    const names = entries.map((e) => e.name);
    for (const list of [this.lists.pesticides, this.lists.vetDrugs]) {
      for (const e of [...entriesIn(list.banned, rest), ...entriesIn(list.restricted, rest)]) {
        if (!names.includes(e.name)) names.push(e.name);
      }
    }
    return names;
  }

  /**
   * Pesticides and veterinary drugs always have active ingredients; a fertilizer or feed only
   * when it carries a pesticide (a 药肥 is a pesticide too) or a pesticide registration.
   */
  private mustKnow(input: InputRecord): boolean {
    if (input.kind === "pesticide" || input.kind === "vet_drug") return true;
    return PESTICIDE_FERTILIZER.test(input.name) || PESTICIDE_REG.test(input.regNo ?? "");
  }
}
