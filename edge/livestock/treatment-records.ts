import "./livestock-codes.js";
import type { Database } from "better-sqlite3";
import { localDay } from "../core/local-day.js";
import { StationError } from "../core/station-error.js";
import { drugsIn, type VetDrugTable } from "../domain/compliance/vet-drug-table.js";
import { enqueueOutbox } from "../store/outbox.js";
import type { Animal } from "./animal.js";
import type { AnimalRecords } from "./animal-records.js";

/** One veterinary drug use on one animal, with the withdrawal days frozen when recorded. */
export interface Treatment {
  id: number;
  animalId: number;
  tag: string;
  drug: string;
  /** The vet drug table's substance the name resolved to, when it did. */
  substance: string | null;
  appliedAt: number;
  appliedDay: string;
  /** 休药期 to slaughter, days. */
  meatDays: number;
  /** 弃奶期, days (null: the drug has none recorded). */
  milkDays: number | null;
  /** Where the days come from: the record (the label) or the shipped table (公告第278号). */
  daysSource: string;
  dose: string | null;
  operator: string | null;
  /** The pen when the drug was given to a group. */
  groupSite: string | null;
}

export interface TreatAnimals {
  /** Ear tags (or RFID numbers) treated one by one, or a pen: every animal on it now. */
  tags?: string[];
  siteId?: string;
  drug: string;
  appliedAt?: number;
  meatDays?: number;
  milkDays?: number;
  dose?: string;
  operator?: string;
}

/** A drug given on one pen, for the domain's input records. */
export interface PenDrugUse {
  siteId: string;
  drug: string;
  heads: number;
  appliedAt: number;
  milkDays: number | null;
  dose?: string;
  operator?: string;
}

interface TreatmentRow {
  id: number;
  animal_id: number;
  tag: string;
  drug: string;
  substance: string | null;
  applied_at: number;
  applied_day: string;
  meat_days: number;
  milk_days: number | null;
  days_source: string;
  dose: string | null;
  operator: string | null;
  group_site: string | null;
}

/**
 * Veterinary drug uses bound to animals (养殖档案: 兽药使用记录, 办法第十八条). The withdrawal
 * days are the label's when given; otherwise the shipped vet drug table's (农业部公告第278号),
 * and never shorter than the table: a typed number cannot shorten a listed period.
 */
export class TreatmentRecords {
  constructor(
    private readonly db: Database,
    private readonly animals: AnimalRecords,
    private readonly deps: {
      vetDrugs: () => VetDrugTable;
      now: () => number;
      timezone: string;
      /** The drug as an input record on each pen it was used in (the batch gate's 弃奶期). */
      penInput?: (use: PenDrugUse) => void;
    },
  ) {}

  treat(input: TreatAnimals): Treatment[] {
    const targets = this.targets(input);
    const days = this.days(input);
    const now = this.deps.now();
    const appliedAt = input.appliedAt ?? now;
    const appliedDay = localDay(appliedAt, this.deps.timezone);
    const ids = this.db
      .transaction((): number[] => {
        const insert = this.db.prepare(
          `INSERT INTO animal_treatments (animal_id, drug, substance, applied_at, applied_day, meat_days, milk_days,
           days_source, dose, operator, group_site, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const out: number[] = [];
        for (const animal of targets) {
          const res = insert.run(
            animal.id,
            input.drug,
            days.substance,
            appliedAt,
            appliedDay,
            days.meat,
            days.milk,
            days.source,
            input.dose ?? null,
            input.operator ?? null,
            input.siteId ?? null,
            now,
          );
          out.push(Number(res.lastInsertRowid));
        }
        const pens = new Map<string, number>();
        for (const animal of targets) {
          if (animal.siteId !== null) pens.set(animal.siteId, (pens.get(animal.siteId) ?? 0) + 1);
        }
        for (const [siteId, heads] of pens) {
          this.deps.penInput?.({
            siteId,
            drug: input.drug,
            heads,
            appliedAt,
            milkDays: days.milk,
            ...(input.dose !== undefined ? { dose: input.dose } : {}),
            ...(input.operator !== undefined ? { operator: input.operator } : {}),
          });
        }
        for (const id of out) {
          const t = this.byId(id);
          enqueueOutbox(
            this.db,
            {
              stream: "livestock",
              recordId: `animal.treatment:${id}`,
              kind: "animal.treatment",
              payload: { v: 1, treatment: t },
            },
            now,
          );
        }
        return out;
      })
      .immediate();
    return ids.map((id) => this.byId(id));
  }

  forAnimal(animalId: number): Treatment[] {
    const rows = this.db
      .prepare(
        `SELECT t.*, a.tag FROM animal_treatments t JOIN animals a ON a.id = t.animal_id
         WHERE t.animal_id = ? ORDER BY t.applied_at, t.id`,
      )
      .all(animalId) as TreatmentRow[];
    return rows.map(toTreatment);
  }

  private byId(id: number): Treatment {
    const row = this.db
      .prepare(
        "SELECT t.*, a.tag FROM animal_treatments t JOIN animals a ON a.id = t.animal_id WHERE t.id = ?",
      )
      .get(id) as TreatmentRow;
    return toTreatment(row);
  }

  private targets(input: TreatAnimals): Animal[] {
    const byTag = (input.tags ?? []).map((t) => this.animals.requireOnFarm(t));
    const byPen = input.siteId ? this.animals.list({ siteId: input.siteId, status: "on_farm" }) : [];
    const all = new Map([...byTag, ...byPen].map((a) => [a.id, a]));
    if (all.size === 0) {
      throw new StationError(
        "LIVESTOCK_ANIMAL_NOT_FOUND",
        input.siteId
          ? `圈舍 ${input.siteId} 没有在场牲畜 / no animal on pen ${input.siteId}`
          : "需要耳标或圈舍 / give ear tags or a pen",
        { site: input.siteId ?? null },
      );
    }
    return [...all.values()];
  }

  private days(input: TreatAnimals): {
    meat: number;
    milk: number | null;
    substance: string | null;
    source: string;
  } {
    const drugs = drugsIn(this.deps.vetDrugs(), input.drug);
    const tableMeat = drugs.length > 0 ? Math.max(0, ...drugs.map((d) => d.withdrawal.meat ?? 0)) : undefined;
    const milkListed = drugs.filter((d) => d.withdrawal.milk !== undefined);
    const tableMilk =
      milkListed.length > 0 ? Math.max(...milkListed.map((d) => d.withdrawal.milk ?? 0)) : undefined;
    if (input.meatDays === undefined && tableMeat === undefined) {
      throw new StationError(
        "LIVESTOCK_DRUG_UNKNOWN",
        `兽药 "${input.drug}" 不在兽药休药期表中，须按标签填写休药期天数 / "${input.drug}" is not in the vet drug table: give the label's withdrawal days`,
        { drug: input.drug },
      );
    }
    const meat = Math.max(input.meatDays ?? 0, tableMeat ?? 0);
    const milkCandidates = [input.milkDays, tableMilk].filter((d): d is number => d !== undefined);
    const milk = milkCandidates.length > 0 ? Math.max(...milkCandidates) : null;
    const fromTable = drugs[0]?.source.split(/[:：]/)[0] ?? null;
    const source =
      input.meatDays !== undefined && (tableMeat === undefined || input.meatDays >= tableMeat)
        ? "兽药标签 / the label"
        : (fromTable ?? "兽药休药期表 / vet drug table");
    return { meat, milk, substance: drugs[0]?.name ?? null, source };
  }
}

function toTreatment(r: TreatmentRow): Treatment {
  return {
    id: r.id,
    animalId: r.animal_id,
    tag: r.tag,
    drug: r.drug,
    substance: r.substance,
    appliedAt: r.applied_at,
    appliedDay: r.applied_day,
    meatDays: r.meat_days,
    milkDays: r.milk_days,
    daysSource: r.days_source,
    dose: r.dose,
    operator: r.operator,
    groupSite: r.group_site,
  };
}
