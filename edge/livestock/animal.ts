import type { Database } from "better-sqlite3";
import { type Species, writtenTag } from "./ear-tag.js";

export const ANIMAL_STATUSES = ["on_farm", "sold", "slaughtered", "dead"] as const;
export type AnimalStatus = (typeof ANIMAL_STATUSES)[number];
export const ANIMAL_SEXES = ["male", "female", "unknown"] as const;
export type AnimalSex = (typeof ANIMAL_SEXES)[number];

export interface Animal {
  id: number;
  /** The 15-digit code of the tag it wears now. */
  tag: string;
  written: string;
  /** The ISO 11784 number of its electronic tag, when it wears one. */
  rfid: string | null;
  species: Species;
  sex: AnimalSex;
  origin: "born" | "arrived";
  bornOn: string | null;
  arrivedOn: string | null;
  source: string | null;
  siteId: string | null;
  status: AnimalStatus;
  statusAt: number;
  note: string | null;
  registeredAt: number;
  /** Every tag it wore before the current one, oldest first. */
  formerTags: Array<{ tag: string; replacedAt: number; reason: string | null }>;
}

export interface RegisterAnimal {
  tag: string;
  species: Species;
  sex?: AnimalSex;
  /** Born on the farm (bornOn) or arrived from elsewhere (arrivedOn + source). */
  bornOn?: string;
  arrivedOn?: string;
  source?: string;
  siteId?: string;
  rfid?: string;
  note?: string;
}

export interface AnimalRow {
  id: number;
  tag: string;
  rfid: string | null;
  species: Species;
  sex: AnimalSex;
  origin: "born" | "arrived";
  born_on: string | null;
  arrived_on: string | null;
  source: string | null;
  site_id: string | null;
  status: AnimalStatus;
  status_at: number;
  note: string | null;
  registered_at: number;
}

/** An `animals` row with the tags it wore before, as the register returns it. */
export function toAnimal(db: Database, row: AnimalRow): Animal {
  const former = db
    .prepare(
      "SELECT tag, replaced_at, reason FROM animal_tags WHERE animal_id = ? AND replaced_at IS NOT NULL ORDER BY attached_at, rowid",
    )
    .all(row.id) as Array<{ tag: string; replaced_at: number; reason: string | null }>;
  return {
    id: row.id,
    tag: row.tag,
    written: writtenTag(row.tag),
    rfid: row.rfid,
    species: row.species,
    sex: row.sex,
    origin: row.origin,
    bornOn: row.born_on,
    arrivedOn: row.arrived_on,
    source: row.source,
    siteId: row.site_id,
    status: row.status,
    statusAt: row.status_at,
    note: row.note,
    registeredAt: row.registered_at,
    formerTags: former.map((t) => ({ tag: t.tag, replacedAt: t.replaced_at, reason: t.reason })),
  };
}
