import "../domain-codes.js";
import type { CodeCheck } from "../../core/check-result.js";
import { StationError } from "../../core/station-error.js";

/** Throw DOMAIN_INVALID naming the field when a code does not pass its validator. */
export function requireCode(field: string, value: string, check: (v: string) => CodeCheck): void {
  const result = check(value);
  if (!result.ok) {
    throw new StationError("DOMAIN_INVALID", `${field}: ${result.reason}`, { field, value });
  }
}
