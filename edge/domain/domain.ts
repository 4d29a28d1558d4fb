import type { Database } from "better-sqlite3";
import type { AlarmRecord } from "../alarms/alarm-record.js";
import { createShipments, type Shipments } from "../shipments/shipments.js";
import { BatchRecords, type StationIdentity } from "./batches/batch-records.js";
import { IncomingLots } from "./batches/incoming-lots.js";
import { PackageRecords } from "./batches/package-records.js";
import { ScaleSelection } from "./batches/scale-selection.js";
import { CertificateRecords } from "./certificates/certificate-records.js";
import { CertificateReviews } from "./certificates/certificate-review.js";
import { type BannedList, loadBannedList, SHIPPED_VET_LIST_FILE } from "./compliance/banned-list.js";
import { ComplianceGate } from "./compliance/compliance-gate.js";
import { IngredientResolver } from "./compliance/ingredients.js";
import { loadSynonymTable, Synonyms, type SynonymTable } from "./compliance/synonyms.js";
import { loadVetDrugTable, type VetDrugTable } from "./compliance/vet-drug-table.js";
import type { DomainConfig } from "./config-schema.js";
import { DomainEvents } from "./domain-events.js";
import { InputProducts } from "./inputs/input-products.js";
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
  synonymTable?: SynonymTable;
  vetDrugTable?: VetDrugTable;
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
  /** The station's product registry: registration number → name, kind, ingredients. */
  readonly products: InputProducts;
  readonly ingredients: IngredientResolver;
  readonly tests: TestRecords;
  readonly batches: BatchRecords;
  readonly packages: PackageRecords;
  readonly incoming: IncomingLots;
  readonly scales: ScaleSelection;
  readonly compliance: ComplianceGate;
  readonly certificates: CertificateRecords;
  /** 待复核: certificates re-checked when later inputs or tests arrive; cleared by a supervisor. */
  readonly reviews: CertificateReviews;
  readonly environment: EnvironmentSummary;
  /** 出库: buyers, shipments and recall (edge/shipments). */
  readonly shipments: Shipments;
  /** Emitted after records are written: for station topics and the kiosk's live stream. */
  readonly events: DomainEvents;
  traceRecord(lot: string): TraceRecord;
}

export function createDomain(db: Database, options: DomainOptions): Domain {
  const now = options.now ?? Date.now;
  const { station, config } = options;
  const events = new DomainEvents();
  const master = new MasterData(db, now);
  const products = new InputProducts(db, now);
  const inputs = new InputRecords(db, master, now, events, products, station.timezone);
  const tests = new TestRecords(db, config.screenThresholds, now, events);
  const batches = new BatchRecords(db, master, station, now, events);
  const packages = new PackageRecords(db, batches, now, events);
  const incoming = new IncomingLots(db, now, events);
  const scales = new ScaleSelection(db, batches, now);
  const list = options.bannedList ?? loadBannedList(config.bannedListFile);
  const vetList = options.vetDrugList ?? loadBannedList(config.vetDrugListFile, SHIPPED_VET_LIST_FILE);
  const lists = { pesticides: list, vetDrugs: vetList };
  const synonyms = new Synonyms(options.synonymTable ?? loadSynonymTable(config.synonymFile));
  const vetTable = options.vetDrugTable ?? loadVetDrugTable(config.vetDrugTableFile);
  const ingredients = new IngredientResolver(synonyms, products, lists, vetTable);
  const compliance = new ComplianceGate({
    master,
    inputs,
    tests,
    incoming,
    lists,
    synonyms,
    resolver: ingredients,
    methods: config.screenThresholds,
    retestPolicy: config.retestPolicy,
    timezone: station.timezone,
    now,
  });
  const certificates = new CertificateRecords(db, {
    master,
    batches,
    packages,
    compliance,
    incoming,
    stationCode: station.code,
    retentionDays: config.recordRetentionDays,
    now,
    events,
  });
  const reviews = new CertificateReviews(db, { certificates, batches, compliance, now, events });
  // Later evidence: an input on a certified batch's site, a test on its site or lot.
  events.on("input", (r) => reviews.recheck({ siteId: r.siteId, at: r.appliedAt }));
  events.on("test", (t) => reviews.recheck({ siteId: t.siteId, lot: t.batchLot, at: t.testedAt }));
  const environment = new EnvironmentSummary(db);
  const shipments = createShipments(db, {
    batches,
    packages,
    certificates,
    stationCode: station.code,
    timeZone: station.timezone,
    now,
  });
  const domain: Domain = {
    master,
    inputs,
    products,
    ingredients,
    tests,
    batches,
    packages,
    incoming,
    scales,
    compliance,
    certificates,
    reviews,
    environment,
    shipments,
    events,
    traceRecord: (lot) => assembleTraceRecord(domain, station, lot, now(), options.alarms),
  };
  return domain;
}
