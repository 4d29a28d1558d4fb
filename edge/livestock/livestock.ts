import type { Database } from "better-sqlite3";
import { localDay } from "../core/local-day.js";
import { loadBannedList, SHIPPED_VET_LIST_FILE } from "../domain/compliance/banned-list.js";
import { loadVetDrugTable, type VetDrugTable } from "../domain/compliance/vet-drug-table.js";
import type { Domain } from "../domain/domain.js";
import { type AnimalHistory, assembleHistory } from "./animal-history.js";
import { AnimalRecords } from "./animal-records.js";
import { CountyTable } from "./county-table.js";
import type { LivestockConfig } from "./livestock-config-schema.js";
import { recordPenInput } from "./pen-input.js";
import { SaleBatches } from "./sale-batches.js";
import { saleToBatch } from "./sale-to-batch.js";
import { TreatmentRecords } from "./treatment-records.js";
import { type AnimalOutput, type WithdrawalBlock, withdrawalBlocks } from "./withdrawal-check.js";

export interface LivestockOptions {
  config: LivestockConfig;
  station: { code: string; timezone: string };
  /** The vet drug table file of the domain config (withdrawal periods, 公告第278号). */
  vetDrugTableFile?: string;
  /** The list of drugs banned for food animals (公告第250号) of the domain config. */
  vetDrugListFile?: string;
  vetDrugTable?: VetDrugTable;
  /** Pens are the domain's sites; a closed sale with a product becomes a domain batch. */
  domain: Domain;
  now?: () => number;
}

/** Livestock by national ear tag: the register, treatments, sale batches and trace history. */
export interface Livestock {
  readonly counties: CountyTable;
  readonly animals: AnimalRecords;
  readonly treatments: TreatmentRecords;
  readonly sales: SaleBatches;
  /** The withdrawal blocks of one animal for its meat or milk on a local day (default today). */
  withdrawal(code: string, output: AnimalOutput, day?: string): WithdrawalBlock[];
  history(code: string): AnimalHistory;
}

export function createLivestock(db: Database, options: LivestockOptions): Livestock {
  const now = options.now ?? Date.now;
  const { timezone } = options.station;
  const counties = CountyTable.load(options.config.extraCountyCodes, options.config.countyTable);
  const vetTable = options.vetDrugTable ?? loadVetDrugTable(options.vetDrugTableFile);
  const vetBanned = loadBannedList(options.vetDrugListFile, SHIPPED_VET_LIST_FILE);
  const { domain } = options;
  const siteExists = (id: string) => domain.master.site(id) !== undefined;
  const animals = new AnimalRecords(db, { counties, now, timezone, siteExists });
  const treatments = new TreatmentRecords(db, animals, {
    vetDrugs: () => vetTable,
    now,
    timezone,
    penInput: (use) => recordPenInput(domain, use),
  });
  const sales = new SaleBatches(db, animals, treatments, {
    stationCode: options.station.code,
    timezone,
    now,
    toBatch: saleToBatch(domain, animals),
    bannedDrugs: () => vetBanned.banned,
  });
  return {
    counties,
    animals,
    treatments,
    sales,
    withdrawal(code, output, day) {
      const animal = animals.require(code);
      return withdrawalBlocks(
        animal,
        treatments.forAnimal(animal.id),
        output,
        day ?? localDay(now(), timezone),
      );
    },
    history(code) {
      const animal = animals.require(code);
      return assembleHistory(
        db,
        animal,
        treatments.forAnimal(animal.id),
        sales.forAnimal(animal.id),
        timezone,
      );
    },
  };
}
