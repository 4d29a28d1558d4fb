import type { CertBasis } from "../records.js";

interface InputRef {
  inputId: number;
  input: string;
  siteId: string;
  appliedDay: string;
  message: string;
}

/** One reason the gate refuses a certificate; each names the input or test and its day. */
export type ComplianceBlock =
  | (InputRef & {
      kind: "interval";
      intervalDays: number;
      earliestDay: string;
      harvestDay: string;
    })
  | (InputRef & { kind: "banned"; substance: string; source: string; effectiveFrom: string | null })
  | (InputRef & { kind: "restricted"; substance: string; scopes: string[]; source: string })
  /** 成分未知: nothing tells which substances the input carries; only an override passes it. */
  | (InputRef & { kind: "unknown_ingredient" })
  /** A drug not for laying hens on eggs, or not for lactating animals on milk. */
  | (InputRef & { kind: "not_for_layers" | "not_for_lactating"; substance: string })
  | {
      kind: "positive_screen" | "suspect_screen";
      testId: number;
      testedDay: string;
      sample: string;
      method: string;
      message: string;
    }
  /** 用什么药、检什么药: an ingredient used in the window that no test behind the basis covers. */
  | {
      kind: "uncovered";
      basis: CertBasis;
      inputId: number;
      input: string;
      substance: string;
      message: string;
    }
  | { kind: "no_test"; basis: CertBasis; message: string }
  /** The batch lacks what a certificate needs (sites, incoming lots, 产地, contact, …). */
  | { kind: "content"; field: string; message: string };

export interface ListInfo {
  version: string;
  source: string;
  sourceDate: string;
}

/** What a re-test must be before a positive or suspect screen stops blocking. */
export interface RetestPolicy {
  positive: "lab_negative" | "retest_negative";
  suspect: "lab_negative" | "retest_negative";
}

export interface ComplianceResult {
  ok: boolean;
  lot: string;
  harvestDay: string;
  /** The earliest day on which every interval is satisfied (null when no input has one). */
  earliestDay: string | null;
  blocks: ComplianceBlock[];
  warnings: string[];
  list: ListInfo;
  vetList: ListInfo;
  synonyms: ListInfo;
  retestPolicy: RetestPolicy;
}

/** "农业农村部公告第736号 (2023-12-25) 第一条: …" → the citation before the colon. */
export function citation(source: string): string {
  const at = source.search(/[:：]/);
  return (at > 0 ? source.slice(0, at) : source).trim();
}
