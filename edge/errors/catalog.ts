import { driverCodes } from "../../drivers/driver-codes.js";
import { domainCodes } from "../domain/domain-codes.js";
import { httpCodes } from "../http/http-codes.js";
import { intakeCodes } from "../intake/intake-codes.js";
import { opsCodes } from "../ops/ops-codes.js";
import { lineCodes } from "../packing-line/line-codes.js";
import { printingCodes } from "../printing/printing-codes.js";
import { uplinkCodes } from "../uplink/uplink-codes.js";
import type { CodeEntry } from "./code-entry.js";
import { coreCodes } from "./core-codes.js";

/**
 * Every error code the station can emit, merged from each component's table. The technician
 * guide's error table is checked against this by a test, so a code without an entry fails CI.
 * Add a component's table here with one line.
 */
export const errorCatalog = {
  ...coreCodes,
  ...intakeCodes,
  ...domainCodes,
  ...driverCodes,
  ...printingCodes,
  ...uplinkCodes,
  ...opsCodes,
  ...httpCodes,
  ...lineCodes,
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export function describeCode(code: ErrorCode): CodeEntry {
  return errorCatalog[code];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCatalog, value);
}
