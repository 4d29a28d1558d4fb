import "./livestock-codes.js";
import type { Database } from "better-sqlite3";
import { localDay, yymmdd } from "../core/local-day.js";
import { StationError } from "../core/station-error.js";
import type { BannedEntry } from "../domain/compliance/banned-list.js";
import { nextCounter } from "../domain/counters.js";
import { enqueueOutbox } from "../store/outbox.js";
import type { Animal } from "./animal.js";
import type { AnimalRecords } from "./animal-records.js";
import { type OpenSale, readSale, type SaleBatch } from "./sale-batch.js";
import type { TreatmentRecords } from "./treatment-records.js";
import {
  assertNoBannedDrug,
  assertWithdrawalKept,
  bannedDrugBlocks,
  withdrawalBlocks,
} from "./withdrawal-check.js";

export interface SaleDeps {
  stationCode: string;
  timezone: string;
  now: () => number;
  /** Drugs banned for food animals (公告第250号): an animal given one never leaves for food. */
  bannedDrugs: () => readonly BannedEntry[];
  /** Turn a closed sale into a station batch with one package per head (for its certificate). */
  toBatch?: (sale: SaleBatch) => string | null;
}

/**
 * Sale and slaughter batches made by scanning the animals leaving. A scan is refused when the
 * animal is not on the farm or is inside a meat withdrawal on the scan's local day (named with
 * drug and earliest day); the same animal scanned twice counts once. Closing needs the
 * 动物检疫合格证明 number and marks the animals sold (or slaughtered).
 */
export class SaleBatches {
  constructor(
    private readonly db: Database,
    private readonly animals: AnimalRecords,
    private readonly treatments: TreatmentRecords,
    private readonly deps: SaleDeps,
  ) {}

  open(input: OpenSale): SaleBatch {
    const now = this.deps.now();
    const day = yymmdd(now, this.deps.timezone);
    const id = this.db
      .transaction((): number => {
        const seq = nextCounter(this.db, `livestock-sale:${day}`);
        const number = `LS${this.deps.stationCode}${day}${String(seq).padStart(2, "0")}`;
        const res = this.db
          .prepare(
            `INSERT INTO livestock_sales (number, kind, destination, quarantine_no, product_id, state, opened_at)
             VALUES (?, ?, ?, ?, ?, 'open', ?)`,
          )
          .run(
            number,
            input.kind,
            input.destination ?? null,
            input.quarantineNo ?? null,
            input.productId ?? null,
            now,
          );
        return Number(res.lastInsertRowid);
      })
      .immediate();
    return this.requireById(id);
  }

  /** Scan one animal into an open sale; a second scan of it returns the sale unchanged. */
  scan(
    number: string,
    code: string,
    opts: { weightKg?: number; deviceId?: string; via?: string } = {},
  ): SaleBatch {
    const sale = this.requireOpen(number);
    const animal = this.animals.find(code);
    if (animal && sale.animals.some((a) => a.tag === animal.tag)) {
      if (opts.weightKg !== undefined) this.weigh(sale, animal, opts.weightKg, opts.deviceId);
      return this.requireById(sale.id);
    }
    const onFarm = this.animals.requireOnFarm(code);
    const now = this.deps.now();
    const day = localDay(now, this.deps.timezone);
    const treated = this.treatments.forAnimal(onFarm.id);
    assertNoBannedDrug(onFarm, bannedDrugBlocks(onFarm, treated, this.deps.bannedDrugs()));
    assertWithdrawalKept(withdrawalBlocks(onFarm, treated, "meat", day));
    this.db
      .transaction(() => {
        this.db
          .prepare(
            "INSERT INTO livestock_sale_animals (sale_id, animal_id, tag, weight_kg, via, scanned_at) VALUES (?, ?, ?, NULL, ?, ?)",
          )
          .run(sale.id, onFarm.id, onFarm.tag, opts.via ?? opts.deviceId ?? null, now);
        if (opts.weightKg !== undefined) this.weigh(sale, onFarm, opts.weightKg, opts.deviceId);
      })
      .immediate();
    return this.requireById(sale.id);
  }

  /** Take an animal out of an open sale (scanned by mistake). */
  remove(number: string, code: string): SaleBatch {
    const sale = this.requireOpen(number);
    const animal = this.animals.require(code);
    this.db
      .prepare("DELETE FROM livestock_sale_animals WHERE sale_id = ? AND animal_id = ?")
      .run(sale.id, animal.id);
    return this.requireById(sale.id);
  }

  close(number: string, input: { quarantineNo?: string } = {}): SaleBatch {
    const sale = this.requireOpen(number);
    const quarantineNo = input.quarantineNo ?? sale.quarantineNo;
    if (!quarantineNo) {
      throw new StationError(
        "LIVESTOCK_QUARANTINE_MISSING",
        `出栏批次 ${sale.number} 缺少动物检疫合格证明编号 / quarantine certificate number missing`,
        { sale: sale.number },
      );
    }
    if (sale.heads === 0) {
      throw new StationError(
        "LIVESTOCK_SALE_EMPTY",
        `出栏批次 ${sale.number} 没有牲畜 / sale has no animals`,
        {
          sale: sale.number,
        },
      );
    }
    const now = this.deps.now();
    const day = localDay(now, this.deps.timezone);
    // The withdrawal is judged again on the day the animals leave: a sale left open over days
    // cannot carry out an animal treated after it was scanned.
    for (const a of sale.animals) {
      const animal = this.animals.require(a.tag);
      const treated = this.treatments.forAnimal(animal.id);
      assertNoBannedDrug(animal, bannedDrugBlocks(animal, treated, this.deps.bannedDrugs()));
      assertWithdrawalKept(withdrawalBlocks(animal, treated, "meat", day));
    }
    const status = sale.kind === "slaughter" ? "slaughtered" : "sold";
    this.db
      .transaction(() => {
        this.db
          .prepare(
            "UPDATE livestock_sales SET state = 'closed', quarantine_no = ?, closed_at = ? WHERE id = ?",
          )
          .run(quarantineNo, now, sale.id);
        const mark = this.db.prepare("UPDATE animals SET status = ?, status_at = ? WHERE tag = ?");
        for (const a of sale.animals) mark.run(status, now, a.tag);
        const closed = this.requireById(sale.id);
        const lot = this.deps.toBatch?.(closed) ?? null;
        if (lot !== null)
          this.db.prepare("UPDATE livestock_sales SET lot = ? WHERE id = ?").run(lot, sale.id);
        enqueueOutbox(
          this.db,
          {
            stream: "livestock",
            recordId: `livestock_sale.closed:${sale.number}`,
            kind: "livestock_sale.closed",
            payload: {
              v: 1,
              sale: this.requireById(sale.id),
              animals: sale.animals.map((a) => this.animals.require(a.tag)),
            },
          },
          now,
        );
      })
      .immediate();
    return this.requireById(sale.id);
  }

  get(number: string): SaleBatch | undefined {
    const row = this.db.prepare("SELECT id FROM livestock_sales WHERE number = ?").get(number) as
      | { id: number }
      | undefined;
    return row ? this.requireById(row.id) : undefined;
  }

  require(number: string): SaleBatch {
    const sale = this.get(number);
    if (sale) return sale;
    throw new StationError(
      "LIVESTOCK_SALE_NOT_FOUND",
      `出栏批次 ${number} 不存在 / sale ${number} not found`,
      {
        sale: number,
      },
    );
  }

  /** The sales an animal left in (normally one). */
  forAnimal(animalId: number): SaleBatch[] {
    const ids = this.db
      .prepare("SELECT sale_id FROM livestock_sale_animals WHERE animal_id = ? ORDER BY scanned_at")
      .pluck()
      .all(animalId) as number[];
    return ids.map((id) => this.requireById(id));
  }

  list(): SaleBatch[] {
    const ids = this.db
      .prepare("SELECT id FROM livestock_sales ORDER BY id DESC LIMIT 50")
      .pluck()
      .all() as number[];
    return ids.map((id) => this.requireById(id));
  }

  private weigh(sale: SaleBatch, animal: Animal, kg: number, deviceId: string | undefined): void {
    const now = this.deps.now();
    this.db
      .prepare("UPDATE livestock_sale_animals SET weight_kg = ? WHERE sale_id = ? AND animal_id = ?")
      .run(kg, sale.id, animal.id);
    this.db
      .prepare("INSERT INTO animal_weights (animal_id, kg, at, device_id, sale_id) VALUES (?, ?, ?, ?, ?)")
      .run(animal.id, kg, now, deviceId ?? null, sale.id);
  }

  private requireOpen(number: string): SaleBatch {
    const sale = this.require(number);
    if (sale.state !== "open") {
      throw new StationError(
        "LIVESTOCK_SALE_CLOSED",
        `出栏批次 ${number} 已结束 / sale ${number} is closed`,
        {
          sale: number,
        },
      );
    }
    return sale;
  }

  private requireById(id: number): SaleBatch {
    return readSale(this.db, id);
  }
}
