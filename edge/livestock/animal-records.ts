import "./livestock-codes.js";
import type { Database } from "better-sqlite3";
import { localDay } from "../core/local-day.js";
import { StationError } from "../core/station-error.js";
import { enqueueOutbox } from "../store/outbox.js";
import { type Animal, type AnimalRow, type AnimalStatus, type RegisterAnimal, toAnimal } from "./animal.js";
import type { CountyTable } from "./county-table.js";
import { type EarTag, parseEarTag, SPECIES_ZH, writtenTag } from "./ear-tag.js";

export {
  ANIMAL_SEXES,
  ANIMAL_STATUSES,
  type Animal,
  type AnimalSex,
  type AnimalStatus,
  type RegisterAnimal,
} from "./animal.js";

export interface AnimalDeps {
  counties: CountyTable;
  now: () => number;
  timezone: string;
  /** A pen must exist in master data (null when the name is not a site). */
  siteExists: (id: string) => boolean;
}

/**
 * The register of animals by national ear tag. One animal, one tag, every code unique over
 * time (第七条): a code is refused when any animal, now or before, wore it.
 */
export class AnimalRecords {
  constructor(
    private readonly db: Database,
    private readonly deps: AnimalDeps,
  ) {}

  /** Validate a tag without registering (the kiosk's and the API's tag check). */
  check(tag: string): EarTag {
    return parseEarTag(tag, this.deps.counties);
  }

  register(input: RegisterAnimal): Animal {
    const tag = this.check(input.tag);
    if (tag.species !== input.species) {
      throw new StationError(
        "LIVESTOCK_TAG_SPECIES_MISMATCH",
        `耳标 ${tag.written} 是${SPECIES_ZH[tag.species]}的耳标，登记的是${SPECIES_ZH[input.species]} / tag is for ${tag.species}, animal is ${input.species}`,
        { tag: tag.code, tagSpecies: tag.species, species: input.species },
      );
    }
    if (input.siteId !== undefined && !this.deps.siteExists(input.siteId)) {
      throw new StationError("LIVESTOCK_PEN_NOT_FOUND", `圈舍 ${input.siteId} 不存在 / pen not found`, {
        site: input.siteId,
      });
    }
    const now = this.deps.now();
    const origin = input.arrivedOn !== undefined || input.source !== undefined ? "arrived" : "born";
    const id = this.db
      .transaction((): number => {
        this.assertFree(tag.code);
        if (input.rfid !== undefined) this.assertRfidFree(input.rfid, null);
        const res = this.db
          .prepare(
            `INSERT INTO animals (tag, rfid, species, sex, origin, born_on, arrived_on, source, site_id, status, status_at, note, registered_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'on_farm', ?, ?, ?)`,
          )
          .run(
            tag.code,
            input.rfid ?? null,
            input.species,
            input.sex ?? "unknown",
            origin,
            input.bornOn ?? null,
            input.arrivedOn ?? (origin === "arrived" ? localDay(now, this.deps.timezone) : null),
            input.source ?? null,
            input.siteId ?? null,
            now,
            input.note ?? null,
            now,
          );
        const animalId = Number(res.lastInsertRowid);
        this.db
          .prepare("INSERT INTO animal_tags (tag, animal_id, attached_at) VALUES (?, ?, ?)")
          .run(tag.code, animalId, now);
        this.outbox(animalId, "animal", now);
        return animalId;
      })
      .immediate();
    return this.requireById(id);
  }

  /**
   * 第十二条: a worn, broken or lost tag is replaced and the new code recorded. Both codes stay
   * on the animal: the old one finds it, and no other animal can take it.
   */
  replaceTag(oldTag: string, newTag: string, reason?: string): Animal {
    const animal = this.require(oldTag);
    const next = this.check(newTag);
    if (next.species !== animal.species) {
      throw new StationError(
        "LIVESTOCK_TAG_SPECIES_MISMATCH",
        `新耳标 ${next.written} 不是${SPECIES_ZH[animal.species]}的耳标 / new tag is not a ${animal.species} tag`,
        { tag: next.code, species: animal.species },
      );
    }
    const now = this.deps.now();
    this.db
      .transaction(() => {
        this.assertFree(next.code);
        this.db
          .prepare("UPDATE animal_tags SET replaced_at = ?, replaced_by = ?, reason = ? WHERE tag = ?")
          .run(now, next.code, reason ?? null, animal.tag);
        this.db
          .prepare("INSERT INTO animal_tags (tag, animal_id, attached_at) VALUES (?, ?, ?)")
          .run(next.code, animal.id, now);
        this.db.prepare("UPDATE animals SET tag = ? WHERE id = ?").run(next.code, animal.id);
        this.outbox(animal.id, "animal.tag_replaced", now);
      })
      .immediate();
    return this.requireById(animal.id);
  }

  bindRfid(tag: string, rfid: string): Animal {
    const animal = this.require(tag);
    this.db
      .transaction(() => {
        this.assertRfidFree(rfid, animal.id);
        this.db.prepare("UPDATE animals SET rfid = ? WHERE id = ?").run(rfid, animal.id);
        this.outbox(animal.id, "animal", this.deps.now());
      })
      .immediate();
    return this.requireById(animal.id);
  }

  /** Move to a pen, or mark sold / slaughtered / dead. */
  update(tag: string, change: { siteId?: string; status?: AnimalStatus }): Animal {
    const animal = this.require(tag);
    if (change.siteId !== undefined && !this.deps.siteExists(change.siteId)) {
      throw new StationError("LIVESTOCK_PEN_NOT_FOUND", `圈舍 ${change.siteId} 不存在 / pen not found`, {
        site: change.siteId,
      });
    }
    const now = this.deps.now();
    this.db
      .transaction(() => {
        if (change.siteId !== undefined) {
          this.db.prepare("UPDATE animals SET site_id = ? WHERE id = ?").run(change.siteId, animal.id);
        }
        if (change.status !== undefined && change.status !== animal.status) {
          this.db
            .prepare("UPDATE animals SET status = ?, status_at = ? WHERE id = ?")
            .run(change.status, now, animal.id);
        }
        this.outbox(animal.id, "animal", now);
      })
      .immediate();
    return this.requireById(animal.id);
  }

  /** By the current or a former 15-digit tag (any written form), or by the RFID number. */
  find(code: string): Animal | undefined {
    const digits = code.replace(/[\s-]/g, "");
    const row = this.db
      .prepare(
        `SELECT a.id FROM animals a WHERE a.rfid = ?
         UNION SELECT t.animal_id FROM animal_tags t WHERE t.tag = ? LIMIT 1`,
      )
      .get(digits, digits) as { id: number } | undefined;
    return row ? this.byId(row.id) : undefined;
  }

  require(code: string): Animal {
    const animal = this.find(code);
    if (animal) return animal;
    throw new StationError(
      "LIVESTOCK_ANIMAL_NOT_FOUND",
      `没有耳标为 ${code} 的牲畜 / no animal with tag ${code}`,
      {
        tag: code,
      },
    );
  }

  requireOnFarm(code: string): Animal {
    const animal = this.require(code);
    if (animal.status !== "on_farm") {
      throw new StationError(
        "LIVESTOCK_ANIMAL_NOT_ON_FARM",
        `牲畜 ${animal.written} 状态为 ${animal.status}，不在场 / animal is ${animal.status}`,
        { tag: animal.tag, status: animal.status },
      );
    }
    return animal;
  }

  byId(id: number): Animal | undefined {
    const row = this.db.prepare("SELECT * FROM animals WHERE id = ?").get(id) as AnimalRow | undefined;
    return row ? toAnimal(this.db, row) : undefined;
  }

  list(filter: { siteId?: string; status?: AnimalStatus } = {}): Animal[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM animals WHERE (@site IS NULL OR site_id = @site) AND (@status IS NULL OR status = @status)
         ORDER BY id`,
      )
      .all({ site: filter.siteId ?? null, status: filter.status ?? null }) as AnimalRow[];
    return rows.map((r) => toAnimal(this.db, r));
  }

  private requireById(id: number): Animal {
    const animal = this.byId(id);
    if (!animal) throw new StationError("LIVESTOCK_ANIMAL_NOT_FOUND", `animal ${id} not found`, { id });
    return animal;
  }

  private assertFree(code: string): void {
    const taken = this.db.prepare("SELECT animal_id FROM animal_tags WHERE tag = ?").get(code) as
      | { animal_id: number }
      | undefined;
    if (taken) {
      throw new StationError(
        "LIVESTOCK_ANIMAL_EXISTS",
        `耳标 ${writtenTag(code)} 已登记（一畜一标，编码唯一）/ ear tag already registered`,
        { tag: code },
      );
    }
  }

  private assertRfidFree(rfid: string, self: number | null): void {
    const other = this.db.prepare("SELECT id, tag FROM animals WHERE rfid = ?").get(rfid) as
      | { id: number; tag: string }
      | undefined;
    if (other && other.id !== self) {
      throw new StationError(
        "LIVESTOCK_RFID_TAKEN",
        `电子耳标 ${rfid} 已绑定牲畜 ${writtenTag(other.tag)} / RFID already bound to ${other.tag}`,
        { rfid, tag: other.tag },
      );
    }
  }

  private outbox(animalId: number, kind: string, now: number): void {
    const animal = this.requireById(animalId);
    enqueueOutbox(
      this.db,
      {
        stream: "livestock",
        recordId: `${kind}:${animal.tag}:${now}`,
        kind,
        payload: { v: 1, animal },
      },
      now,
    );
  }
}
