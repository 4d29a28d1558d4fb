import type { Database } from "better-sqlite3";
import type { AlarmRecord } from "../alarms/alarm-record.js";
import { BatchRecords, type StationIdentity } from "./batches/batch-records.js";
import { IncomingLots } from "./batches/incoming-lots.js";
import { PackageRecords } from "./batches/package-records.js";
import { ScaleSelection } from "./batches/scale-selection.js";
import { CertificateRecords } from "./certificates/certificate-records.js";
import { type BannedList, loadBannedList, SHIPPED_VET_LIST_FILE } from "./compliance/banned-list.js";
import { ComplianceGate } from "./compliance/compliance-gate.js";
import type { DomainConfig } from "./config-schema.js";
import { DomainEvents } from "./domain-events.js";
import { InputRecords } from "./inputs/input-records.js";
import { MasterData } from "./master/master-data.js";
import { EnvironmentSummary } from "./rollups/environment-summary.js";
import { TestRecords } from "./tests/test-records.js";
import { assembleTraceRecord } from "./trace-record/assemble.js";
import type { TraceRecord } from "./trace-record/trace-record.js";

export interface DomainOptions {
  station: StationIdentity & { name: string };
  config: DomainConfig;
  now?: () => number;
  /** Tests pass lists; otherwise the configured files or the shipped ones. */
  bannedList?: BannedList;
  vetDrugList?: BannedList;
  /** Early-warning history for trace records (edge/alarms); without it they list no alarms. */
  alarms?: AlarmHistory;
}

export interface AlarmHistory {
  forSites(siteIds: readonly string[], from: number, to: number): AlarmRecord[];
}

/**
 * The domain facade others use (kiosk routes, labels, uplink, CLI): master data, records,
 * batches, the compliance gate, certificates and the trace record, over one connection.
 */
export interface Domain {
  readonly master: MasterData;
  readonly inputs: InputRecords;
  readonly tests: TestRecords;
  readonly batches: BatchRecords;
  readonly packages: PackageRecords;
  readonly incoming: IncomingLots;
  readonly scales: ScaleSelection;
  readonly compliance: ComplianceGate;
  readonly certificates: CertificateRecords;
  readonly environment: EnvironmentSummary;
  /** Emitted after records are written: for station topics and the kiosk's live stream. */
  readonly events: DomainEvents;
  traceRecord(lot: string): TraceRecord;
}

export function createDomain(db: Database, options: DomainOptions): Domain {
  const now = options.now ?? Date.now;
  const { station, config } = options;
  const events = new DomainEvents();
  const master = new MasterData(db, now);
  const inputs = new InputRecords(db, master, now, events);
  const tests = new TestRecords(db, config.screenThresholds, now, events);
  const batches = new BatchRecords(db, master, station, now, events);
  const packages = new PackageRecords(db, batches, now, events);
  const incoming = new IncomingLots(db, now, events);
  const scales = new ScaleSelection(db, batches, now);
  const list = options.bannedList ?? loadBannedList(config.bannedListFile);
  const vetList = options.vetDrugList ?? loadBannedList(config.vetDrugListFile, SHIPPED_VET_LIST_FILE);
  const compliance = new ComplianceGate(
    master,
    inputs,
    tests,
    { pesticides: list, vetDrugs: vetList },
    station.timezone,
  );
  const certificates = new CertificateRecords(db, {
    master,
    batches,
    packages,
    compliance,
    stationCode: station.code,
    retentionDays: config.recordRetentionDays,
    now,
    events,
  });
  const environment = new EnvironmentSummary(db);
  const domain: Domain = {
    master,
    inputs,
    tests,
    batches,
    packages,
    incoming,
    scales,
    compliance,
    certificates,
    environment,
    events,
    traceRecord: (lot) => assembleTraceRecord(domain, station, lot, now(), options.alarms),
  };
  return domain;
}
