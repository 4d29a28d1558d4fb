/**
 * What the EPCIS mapping needs, independent of how the domain stores it: the export builds
 * these from trace records (`from-trace-record.ts`), tests build them directly. Times are
 * epoch ms; weights are kg.
 */
export interface EpcisStation {
  code: string;
  name: string;
  /** IANA zone; EPCIS wants each event's local offset (eventTimeZoneOffset). */
  timezone: string;
}

export interface LotRef {
  lot: string;
  /** GTIN-14 when the product has one: ids become GS1 Digital Link URIs. */
  gtin: string | null;
  productId: string;
  productName: string;
}

export interface BatchCommissioning {
  ref: LotRef;
  openedAt: number;
  closedAt: number | null;
  harvestAt: number | null;
  windowStart: number;
  windowEnd: number | null;
  netKg: number;
  packageCount: number;
  siteIds: string[];
  nationalCode: string | null;
  subjectName: string | null;
  originRegion: string | null;
}

export interface PackageCommissioning {
  ref: LotRef;
  serial: string;
  netKg: number;
  weighedAt: number;
}

export interface IncomingLotInput {
  id: number;
  rawCode: string;
  codeKind: string;
  supplier: string | null;
  quantity: number | null;
  unit: string | null;
  receivedAt: number;
}

export interface PackingTransformation {
  output: LotRef;
  outputKg: number;
  inputs: IncomingLotInput[];
  /** When the packed lot was completed (closed), else when it was opened. */
  at: number;
}

export interface Inspection {
  testId: number;
  ref: LotRef | null;
  siteId: string | null;
  sample: string;
  method: string;
  kind: "screen" | "lab";
  result: "negative" | "positive" | "suspect";
  inhibition: number | null;
  threshold: number | null;
  reportNo: string | null;
  items: string[];
  testedAt: number;
}

export interface MetricSummaryInput {
  siteId: string;
  metric: string;
  min: number;
  mean: number;
  max: number;
  count: number;
}

export interface EnvironmentReport {
  ref: LotRef;
  from: number;
  to: number;
  summaries: MetricSummaryInput[];
}

/** A package voided on the line (wrong weight, label never printed): its EPC is withdrawn. */
export interface PackageDecommissioning {
  ref: LotRef;
  serial: string;
  reason: string;
  voidedAt: number;
}
