import type { AlarmRecord } from "../../alarms/alarm-record.js";
import type { Shipment } from "../../shipments/shipment-records-types.js";
import type {
  Batch,
  Certificate,
  IncomingLot,
  InputRecord,
  Package,
  Product,
  Site,
  Subject,
  TestRecord,
} from "../records.js";
import type { MetricSeries, MetricSummary } from "../rollups/environment-summary.js";

/** Version of the trace-record document; bump on any incompatible change. */
export const TRACE_RECORD_VERSION = 1;

/** The trace record of one batch as one JSON document (issue 4 §8). */
export interface TraceRecord {
  version: typeof TRACE_RECORD_VERSION;
  station: { code: string; name: string };
  subject: Subject | null;
  product: Product;
  batch: Omit<Batch, "siteIds">;
  sites: Site[];
  window: { start: number; end: number };
  /** With the active ingredients the gate resolved (substances, not names). */
  inputs: Array<InputRecord & { ingredients: string[] }>;
  tests: TestRecord[];
  environment: { summaries: MetricSummary[]; series: MetricSeries[] };
  /** Early-warning alarms on the batch's sites during its window (a frost night while it grew). */
  alarms: AlarmRecord[];
  incomingLots: IncomingLot[];
  packages: Package[];
  totals: { packageCount: number; netKg: number };
  certificates: Certificate[];
  /** 销售去向: shipments that took packages or a quantity of this batch (buyer details are private). */
  shipments: Shipment[];
  codes: {
    lot: string;
    nationalCode: string | null;
    gtin: string | null;
    greenCode: string | null;
    organicCode: string | null;
  };
  assembledAt: number;
}
