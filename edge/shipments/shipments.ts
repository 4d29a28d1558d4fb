import type { Database } from "better-sqlite3";
import { Buyers } from "./buyers.js";
import { Recall } from "./recall.js";
import { ShipmentReader } from "./shipment-read.js";
import { type ShipmentRecordDeps, ShipmentRecords } from "./shipment-records.js";

/** The shipments component as the domain facade exposes it: buyers, shipments, their reads, recall. */
export interface Shipments {
  readonly buyers: Buyers;
  readonly records: ShipmentRecords;
  readonly read: ShipmentReader;
  readonly recall: Recall;
}

export function createShipments(
  db: Database,
  /** What the records need besides the parts built here. */
  deps: Omit<ShipmentRecordDeps, "db" | "buyers" | "reader">,
): Shipments {
  const buyers = new Buyers(db, deps.now);
  const read = new ShipmentReader(db);
  const records = new ShipmentRecords({ db, buyers, reader: read, ...deps });
  return { buyers, records, read, recall: new Recall(db) };
}
