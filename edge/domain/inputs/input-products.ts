import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../../core/station-error.js";
import { matchesRegistrationSuffix } from "../codes/pesticide-label-qr.js";
import type { InputKind } from "../records.js";

/** One product of the station's registry (农药/兽药/肥料 by registration number). */
export interface InputProduct {
  regNo: string;
  name: string;
  kind: InputKind;
  ingredients: string[];
  /** How it was described: learned from the first record that named its ingredients, or set. */
  source: "learned" | "set";
  createdAt: number;
  updatedAt: number;
}

interface Row {
  reg_no: string;
  name: string;
  kind: InputKind;
  ingredients: string;
  source: InputProduct["source"];
  created_at: number;
  updated_at: number;
}

const toProduct = (r: Row): InputProduct => ({
  regNo: r.reg_no,
  name: r.name,
  kind: r.kind,
  ingredients: JSON.parse(r.ingredients) as string[],
  source: r.source,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * The station's own product registry: no national registration database is reachable offline,
 * so a registration number is described once (name, kind, ingredients) and every later record
 * that gives only the number (typed, or read from the label QR) resolves through it.
 */
export class InputProducts {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  get(regNo: string): InputProduct | undefined {
    const row = this.db
      .prepare("SELECT * FROM domain_input_products WHERE reg_no = ?")
      .get(regNo.toUpperCase());
    return row ? toProduct(row as Row) : undefined;
  }

  /** The products whose registration number ends with the six digits of a label QR. */
  bySuffix(suffix: string): InputProduct[] {
    const rows = this.db
      .prepare("SELECT * FROM domain_input_products WHERE reg_no LIKE ? ORDER BY updated_at DESC")
      .all(`%${suffix}`) as Row[];
    return rows.map(toProduct).filter((p) => matchesRegistrationSuffix(p.regNo, suffix));
  }

  /** Describe a product (a supervisor correcting or entering it): replaces an earlier description. */
  set(p: { regNo: string; name: string; kind: InputKind; ingredients: string[] }): InputProduct {
    const ingredients = cleanList(p.ingredients);
    if (ingredients.length === 0) {
      throw new StationError(
        "DOMAIN_INVALID",
        `登记证号 ${p.regNo} 需要至少一个有效成分 / give at least one active ingredient`,
        { regNo: p.regNo },
      );
    }
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO domain_input_products (reg_no, name, kind, ingredients, source, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'set', ?, ?)
         ON CONFLICT (reg_no) DO UPDATE SET name = excluded.name, kind = excluded.kind,
           ingredients = excluded.ingredients, source = 'set', updated_at = excluded.updated_at`,
      )
      .run(p.regNo.toUpperCase(), p.name, p.kind, JSON.stringify(ingredients), now, now);
    return this.get(p.regNo) as InputProduct;
  }

  /** Learn a product from the first record that names its ingredients; an existing entry stays. */
  learn(p: { regNo: string; name: string; kind: InputKind; ingredients: string[] }): void {
    const ingredients = cleanList(p.ingredients);
    if (ingredients.length === 0) return;
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO domain_input_products (reg_no, name, kind, ingredients, source, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'learned', ?, ?) ON CONFLICT (reg_no) DO NOTHING`,
      )
      .run(p.regNo.toUpperCase(), p.name, p.kind, JSON.stringify(ingredients), now, now);
  }

  list(limit = 200): InputProduct[] {
    const rows = this.db
      .prepare("SELECT * FROM domain_input_products ORDER BY updated_at DESC LIMIT ?")
      .all(limit) as Row[];
    return rows.map(toProduct);
  }
}

/** "阿维菌素+高效氯氰菊酯" or "毒死蜱、辛硫磷" → the separate ingredient texts. */
export function splitIngredients(text: string | null | undefined): string[] {
  if (!text) return [];
  return cleanList(text.split(/[+＋、,，;；/|]/));
}

function cleanList(parts: readonly string[]): string[] {
  return [...new Set(parts.map((s) => s.trim()).filter((s) => s.length > 0))];
}
