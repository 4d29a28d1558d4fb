import "../../core/core-codes.js";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type TSchema, Type } from "@sinclair/typebox";
import { StationError } from "../../core/station-error.js";
import { validateRecord } from "../domain-error.js";

/** A shipped data file beside this module, or beside the sources when running from dist/. */
export function shippedListPath(name: string): string {
  const here = new URL(`./lists/${name}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return fileURLToPath(here);
  return fileURLToPath(new URL(`../../../../edge/domain/compliance/lists/${name}`, import.meta.url));
}

/** Read and validate one versioned data file (configured path, else the shipped one). */
export function loadDataFile<T>(schema: TSchema, shipped: string, what: string, file?: string): T {
  const path = file ?? shippedListPath(shipped);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new StationError(
      "CONFIG_UNREADABLE",
      `${what}无法读取 / ${what} unreadable: ${path}: ${(err as Error).message}`,
      { path },
    );
  }
  return validateRecord<T>(schema, raw, `${what} ${path}`);
}

/** The header every shipped list file carries: its version and the announcement it follows. */
export const SHIPPED_LIST_HEADER = {
  version: Type.String({ minLength: 1 }),
  title: Type.String(),
  source: Type.String({ minLength: 1 }),
  sourceDate: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }),
  compiledAt: Type.String(),
  note: Type.Optional(Type.String()),
};
