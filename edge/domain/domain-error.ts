import "./domain-codes.js";
import type { TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { StationError } from "../core/station-error.js";

/** Validate a value at the domain boundary (CLI, REST, projections) or throw DOMAIN_INVALID listing every error. */
export function validateRecord<T>(schema: TSchema, value: unknown, what: string): T {
  const converted = Value.Default(schema, structuredClone(value));
  if (Value.Check(schema, converted)) return converted as T;
  const errors = [...Value.Errors(schema, converted)].map((e) => `${e.path || "/"}: ${e.message}`);
  throw new StationError("DOMAIN_INVALID", `${what} 不合要求 / ${what} not valid: ${errors.join("; ")}`, {
    errors,
  });
}

export function notFound(what: string, id: string | number): StationError {
  return new StationError("DOMAIN_NOT_FOUND", `${what} ${id} 不存在 / ${what} ${id} not found`, { what, id });
}
