import type { Database } from "better-sqlite3";
import type { BatchRecords } from "../domain/batches/batch-records.js";
import type { PackageRecords } from "../domain/batches/package-records.js";
import type { CertificateRecords } from "../domain/certificates/certificate-records.js";
import { Buyers } from "./buyers.js";
import { Recall } from "./recall.js";
import { ShipmentReader } from "./shipment-read.js";
import { ShipmentRecords } from "./shipment-records.js";
import type { Shipment } from "./shipment-records-types.js";

/** The shipments component as the domain facade exposes it: buyers, shipments, their reads, recall. */
export interface Shipments {
  readonly buyers: Buyers;
  readonly records: ShipmentRecords;
  readonly read: ShipmentReader;
  readonly recall: Recall;
}

export function createShipments(
  db: Database,
  deps: {
    batches: BatchRecords;
    packages: PackageRecords;
    certificates: CertificateRecords;
    stationCode: string;
    timeZone: string;
    now: () => number;
    onShipped?: (shipment: Shipment) => void;
  },
): Shipments {
  const buyers = new Buyers(db, deps.now);
  const read = new ShipmentReader(db);
  const records = new ShipmentRecords({ db, buyers, reader: read, ...deps });
  return { buyers, records, read, recall: new Recall(db) };
}
