/**
 * The domain records other components read (labels, kiosk, uplink). Times are epoch ms.
 * Outbox record ids are stable per event: `subject`, `product:<id>`, `site:<id>`, `input:<id>`,
 * `test:<id>`, `batch:<lot>` (opened), `batch:<lot>:closed`, `package:<serial>`,
 * `incoming:<id>`, `override:<id>`, `cert:<number>`, `cert:<number>:void`,
 * `cert:<number>:reprint:<n>`; each on the stream of the same name in plural
 * (`batches`, `packages`, `certificates`, …).
 */

export const SUBJECT_KINDS = ["producer", "buyer"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_ID_KINDS = ["credit_code", "licence", "id_card"] as const;
export type SubjectIdKind = (typeof SUBJECT_ID_KINDS)[number];

export type { Product, Site, Subject } from "./master/master-records.js";

/** Categories of the mandatory certificate scope (管理办法), plus "other". */
export const PRODUCT_CATEGORIES = [
  "vegetables",
  "edible_fungi",
  "fruit",
  "fresh_tea",
  "livestock",
  "poultry",
  "eggs",
  "aquatic",
  "other",
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const SITE_KINDS = ["plot", "greenhouse", "pen", "pond"] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const INPUT_KINDS = ["pesticide", "fertilizer", "vet_drug", "feed"] as const;
export type InputKind = (typeof INPUT_KINDS)[number];
export type RecordSource = "device" | "cli" | "api";

export interface InputRecord {
  id: number;
  source: RecordSource;
  deviceId: string | null;
  siteId: string;
  kind: InputKind;
  name: string;
  regNo: string | null;
  /** "legacy": an older registration form accepted with a warning. */
  regNoStatus: "valid" | "legacy" | "none";
  activeIngredient: string | null;
  dose: string | null;
  amount: number;
  unit: string;
  method: string | null;
  /** Pre-harvest interval or withdrawal period in days, from the label. */
  intervalDays: number;
  operator: string;
  crop: string | null;
  target: string | null;
  appliedAt: number;
  /** The pesticide label QR scanned for this record (农药标签二维码), when there was one. */
  labelQr: string | null;
  /** Veterinary drugs: the record's own withdrawal per product and flags (over the shipped table). */
  animal: AnimalUse | null;
}

export interface AnimalUse {
  withdrawal?: { meat?: number; eggs?: number; milk?: number };
  notForLayers?: boolean;
  notForLactating?: boolean;
}

export type TestResult = "negative" | "positive" | "suspect";

export interface TestRecord {
  id: number;
  source: RecordSource;
  deviceId: string | null;
  /** screen: rapid residue screening; lab: commissioned laboratory test with a report. */
  kind: "screen" | "lab";
  sample: string;
  method: string;
  inhibition: number | null;
  threshold: number | null;
  result: TestResult;
  retestOf: number | null;
  reportNo: string | null;
  lab: string | null;
  /** Actives or items tested (用什么药、检什么药). */
  items: string[];
  siteId: string | null;
  batchLot: string | null;
  operator: string | null;
  testedAt: number;
}

export interface Batch {
  id: number;
  lot: string;
  productId: string;
  status: "open" | "closed";
  windowStart: number;
  windowEnd: number | null;
  /** Harvest, slaughter or collection time; the compliance gate checks intervals against it. */
  harvestAt: number | null;
  /** National platform 追溯码, opaque, when known. */
  nationalCode: string | null;
  /** 动物检疫合格证明 number of animals sold or slaughtered (edge/livestock), when set. */
  quarantineNo?: string;
  note: string | null;
  siteIds: string[];
  openedAt: number;
  closedAt: number | null;
}

export interface Package {
  id: number;
  serial: string;
  lot: string;
  seq: number;
  netKg: number;
  tareKg: number | null;
  source: "scale" | "manual";
  deviceId: string | null;
  weighedAt: number;
  /** labelling: its label job runs; accepted: counted in the batch; voided: removed, with why. */
  state: PackageState;
  voidReason: string | null;
  voidedBy: string | null;
  voidedAt: number | null;
  /** Who packed it: the operator signed in (or the line's attendant), "kiosk", "admin", "cli:<user>", "station". */
  packedBy: string | null;
}

export type PackageState = "labelling" | "accepted" | "voided";

export interface IncomingLot {
  id: number;
  rawCode: string;
  /** Guess from the content: gs1 digital link, url, national trace code, certificate number, other. */
  codeKind: string;
  /** candidate: scanned, not yet used; received: linked to a batch or confirmed. */
  status: "candidate" | "received";
  supplier: string | null;
  quantity: number | null;
  unit: string | null;
  /** 产地 on the supplier's certificate: a buyer's certificate takes its origin from these. */
  origin: string | null;
  deviceId: string | null;
  receivedAt: number;
}

export const CERT_BASES = ["quality_control", "own_test", "commissioned_test"] as const;
/** 承诺依据: 质量安全控制符合要求 / 自行检测合格 / 委托检测合格. */
export type CertBasis = (typeof CERT_BASES)[number];
export type CertStyle = "producer" | "buyer";

/** What the printed certificate shows, frozen at issue time. */
export interface CertificateContent {
  productName: string;
  quantity: number;
  unit: string;
  packageCount: number;
  origin: string | null;
  subjectName: string;
  contact: string | null;
  lot: string;
  nationalCode: string | null;
  /** 动物检疫合格证明 number printed beside the certificate's lines for animals. */
  quarantineNo?: string;
  commitment: { zh: string; en: string };
  /** The lists, synonym table and re-test policy the gate applied (absent on older records). */
  gate?: {
    list: string;
    vetList: string;
    synonyms: string;
    retestPolicy: { positive: string; suspect: string };
  };
}

/** Why a valid certificate needs review (待复核): evidence recorded after it was issued. */
export interface CertificateReview {
  reasons: string[];
  blocks: unknown[];
  since: number;
}

export interface Certificate {
  id: number;
  number: string;
  lot: string;
  style: CertStyle;
  basis: CertBasis[];
  quantity: number;
  unit: string;
  packageCount: number;
  content: CertificateContent;
  /** review: 待复核, later evidence would have blocked it; a supervisor clears or voids it. */
  status: "valid" | "review" | "void";
  review: CertificateReview | null;
  /** The last cleared review: who, why, when. */
  reviewCleared: { actor: string; reason: string; at: number; reasons: string[]; keys?: string[] } | null;
  voidReason: string | null;
  voidedAt: number | null;
  voidedBy: string | null;
  reprintCount: number;
  overrideId: number | null;
  /** The override behind it (主管放行): who, why and the reasons it overrode. */
  override: ComplianceOverride | null;
  issuedBy: string | null;
  issuedAt: number;
}

export interface ComplianceOverride {
  id: number;
  lot: string;
  supervisor: string;
  /** The identity of the request that overrode (role/session today). */
  actor: string | null;
  reason: string;
  blocks: unknown[];
  createdAt: number;
}
