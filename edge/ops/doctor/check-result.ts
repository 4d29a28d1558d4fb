import type { Bilingual } from "../../core/code-entry.js";
import type { ErrorCode } from "../../core/error-codes.js";
import { describeCode } from "../../error-catalog.js";

/** ok: fine; warn: works but needs attention; fail: the station cannot do its job; skip: not applicable. */
export type CheckStatus = "ok" | "warn" | "fail" | "skip";

/** One line of the doctor's report. */
export interface CheckResult {
  id: string;
  title: Bilingual;
  status: CheckStatus;
  /** What was found, in both languages where it is prose. */
  detail: string;
  code?: ErrorCode;
  remedy?: Bilingual;
}

export function passed(id: string, title: Bilingual, detail: string): CheckResult {
  return { id, title, status: "ok", detail };
}

export function skipped(id: string, title: Bilingual, detail: string): CheckResult {
  return { id, title, status: "skip", detail };
}

/** A failed or warned check carries its error code and the catalogue's remedy. */
export function problem(
  status: "warn" | "fail",
  id: string,
  title: Bilingual,
  code: ErrorCode,
  detail: string,
): CheckResult {
  return { id, title, status, detail, code, remedy: describeCode(code).remedy };
}
