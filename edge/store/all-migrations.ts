import { alarmMigrations } from "../alarms/alarm-migrations.js";
import { auditMigrations } from "../audit/audit-migrations.js";
import { domainMigrations } from "../domain/domain-migrations.js";
import { gateMigrations } from "../domain/domain-migrations-gate.js";
import { rollupMigrations } from "../domain/rollups/rollup-migrations.js";
import { livestockMigrations } from "../livestock/livestock-migrations.js";
import { operatorMigrations } from "../operators/operator-migrations.js";
import { lineMigrations } from "../packing-line/line-migrations.js";
import { printingMigrations } from "../printing/printing-migrations.js";
import { shipmentMigrations } from "../shipments/shipment-migrations.js";
import { uplinkMigrations } from "../uplink/migrations.js";
import { coreMigrations } from "./core-migrations.js";
import { derivedMigrations } from "./derived-migrations.js";
import { messageKeyMigrations } from "./message-key-migrations.js";
import type { Migration } from "./migration.js";
import { retentionMigrations } from "./retention-migrations.js";

/** Every component's schema steps, in order. Add a component's list here with one line. */
export const allMigrations: readonly Migration[] = [
  ...coreMigrations,
  ...domainMigrations,
  ...uplinkMigrations,
  ...printingMigrations,
  ...gateMigrations,
  ...alarmMigrations,
  ...lineMigrations,
  ...rollupMigrations,
  ...retentionMigrations,
  ...shipmentMigrations,
  ...livestockMigrations,
  ...operatorMigrations,
  ...messageKeyMigrations,
  ...derivedMigrations,
  // Last: its triggers cover the tables of every list above.
  ...auditMigrations,
];
