import { brokerCodes } from "../broker/broker-codes.js";
import { driverCodes } from "../drivers/driver-codes.js";
import { printerCodes } from "../drivers/printer/printer-codes.js";
import { labelCodes } from "../labels/label-codes.js";
import { alarmCodes } from "./alarms/alarm-codes.js";
import { cliCodes } from "./cli/cli-codes.js";
import type { CodeEntry } from "./core/code-entry.js";
import { coreCodes } from "./core/core-codes.js";
import type { ErrorCode } from "./core/error-codes.js";
import { domainCodes } from "./domain/domain-codes.js";
import { httpCodes } from "./http/http-codes.js";
import { intakeCodes } from "./intake/intake-codes.js";
import { opsCodes } from "./ops/ops-codes.js";
import { lineCodes } from "./packing-line/line-codes.js";
import { printingCodes } from "./printing/printing-codes.js";
import { shipmentCodes } from "./shipments/shipment-codes.js";
import { storeCodes } from "./store/store-codes.js";
import { uplinkCodes } from "./uplink/uplink-codes.js";

/**
 * Every error code the station can emit, assembled at the top from the tables that live beside
 * the code raising them (each registers itself with `defineCodes`). The technician guide's
 * table is generated from this and checked by a test, so a code without a row fails CI; a test
 * also fails when a table registers codes this catalogue does not list. Add a table here with
 * one line.
 */
export const errorCatalog: Readonly<Record<ErrorCode, CodeEntry>> = {
  ...coreCodes,
  ...storeCodes,
  ...brokerCodes,
  ...cliCodes,
  ...intakeCodes,
  ...domainCodes,
  ...driverCodes,
  ...labelCodes,
  ...printerCodes,
  ...printingCodes,
  ...uplinkCodes,
  ...opsCodes,
  ...httpCodes,
  ...alarmCodes,
  ...lineCodes,
  ...shipmentCodes,
};

/** Title and remedy of any code, including codes read back from the database. */
export function describeCode(code: ErrorCode): CodeEntry {
  return errorCatalog[code];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCatalog, value);
}
