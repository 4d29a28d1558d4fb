import type { Database } from "better-sqlite3";
import type { Animal } from "./animal.js";
import { writtenTag } from "./ear-tag.js";

export type SaleKind = "sale" | "slaughter";

export interface SaleAnimal {
  tag: string;
  written: string;
  species: Animal["species"];
  weightKg: number | null;
  via: string | null;
  scannedAt: number;
}

export interface SaleBatch {
  id: number;
  /** Station-unique: LS + station code + local day + sequence. */
  number: string;
  kind: SaleKind;
  destination: string | null;
  /** 动物检疫合格证明 number (办法第十三条: no tag, no certificate). */
  quarantineNo: string | null;
  productId: string | null;
  /** The station batch (lot) the sale became when closed with a product. */
  lot: string | null;
  state: "open" | "closed";
  openedAt: number;
  closedAt: number | null;
  heads: number;
  totalKg: number;
  animals: SaleAnimal[];
}

export interface OpenSale {
  kind: SaleKind;
  destination?: string;
  quarantineNo?: string;
  productId?: string;
}

interface SaleRow {
  id: number;
  number: string;
  kind: SaleKind;
  destination: string | null;
  quarantine_no: string | null;
  product_id: string | null;
  lot: string | null;
  state: "open" | "closed";
  opened_at: number;
  closed_at: number | null;
}

/** A sale batch with its animals in scan order, heads and total live weight. */
export function readSale(db: Database, id: number): SaleBatch {
  const row = db.prepare("SELECT * FROM livestock_sales WHERE id = ?").get(id) as SaleRow;
  const animals = db
    .prepare(
      `SELECT s.tag, a.species, s.weight_kg, s.via, s.scanned_at FROM livestock_sale_animals s
       JOIN animals a ON a.id = s.animal_id WHERE s.sale_id = ? ORDER BY s.scanned_at, s.rowid`,
    )
    .all(id) as Array<{
    tag: string;
    species: Animal["species"];
    weight_kg: number | null;
    via: string | null;
    scanned_at: number;
  }>;
  const list = animals.map((a) => ({
    tag: a.tag,
    written: writtenTag(a.tag),
    species: a.species,
    weightKg: a.weight_kg,
    via: a.via,
    scannedAt: a.scanned_at,
  }));
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    destination: row.destination,
    quarantineNo: row.quarantine_no,
    productId: row.product_id,
    lot: row.lot,
    state: row.state,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    heads: list.length,
    totalKg: Math.round(list.reduce((s, a) => s + (a.weightKg ?? 0), 0) * 1000) / 1000,
    animals: list,
  };
}
