import { type Migration, sqlMigration } from "../store/migration.js";

/**
 * Shipments (出库). `shipment_packages.package_id` is UNIQUE: a package ships once is a
 * property of the database, not of the code in front of it. Batch quantities without package
 * labels are `shipment_lines`. The indexes serve recall (edge/shipments/recall.ts): batch →
 * shipments through both tables, incoming lot → batches through domain_batch_incoming.
 */
export const shipmentMigrations: Migration[] = [
  sqlMigration(
    "shipments-001-shipments-buyers",
    `
    CREATE TABLE shipment_buyers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      id_kind TEXT CHECK (id_kind IN ('credit_code','id_card')),
      id_number TEXT,
      phone TEXT,
      market TEXT,
      address TEXT,
      needs_certificate INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX shipment_buyers_id_number ON shipment_buyers (id_number) WHERE id_number IS NOT NULL;
    CREATE INDEX shipment_buyers_name ON shipment_buyers (name);

    CREATE TABLE shipments (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      buyer_id INTEGER NOT NULL REFERENCES shipment_buyers (id),
      shipped_at INTEGER NOT NULL,
      vehicle_plate TEXT,
      note TEXT,
      actor_id TEXT,
      actor_name TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX shipments_buyer ON shipments (buyer_id, shipped_at);
    CREATE INDEX shipments_time ON shipments (shipped_at);

    CREATE TABLE shipment_packages (
      shipment_id INTEGER NOT NULL REFERENCES shipments (id),
      package_id INTEGER NOT NULL UNIQUE REFERENCES domain_packages (id),
      batch_id INTEGER NOT NULL REFERENCES domain_batches (id),
      net_kg REAL NOT NULL,
      PRIMARY KEY (shipment_id, package_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX shipment_packages_batch ON shipment_packages (batch_id, shipment_id, net_kg);

    CREATE TABLE shipment_lines (
      shipment_id INTEGER NOT NULL REFERENCES shipments (id),
      batch_id INTEGER NOT NULL REFERENCES domain_batches (id),
      quantity_kg REAL NOT NULL CHECK (quantity_kg > 0),
      PRIMARY KEY (shipment_id, batch_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX shipment_lines_batch ON shipment_lines (batch_id, shipment_id);

    -- By number, not a foreign key: a certificate may be deleted after its retention period
    -- (certificate-records.ts remove), and the shipment still says which one went with it.
    CREATE TABLE shipment_certificates (
      shipment_id INTEGER NOT NULL REFERENCES shipments (id),
      certificate_number TEXT NOT NULL,
      PRIMARY KEY (shipment_id, certificate_number)
    ) STRICT, WITHOUT ROWID;

    CREATE INDEX shipments_batch_incoming_by_lot ON domain_batch_incoming (incoming_id, batch_id);
    CREATE INDEX shipments_incoming_raw_code ON domain_incoming_lots (raw_code);
    `,
  ),
];
