/**
 * Fields that name or describe people, or carry free text, in the station's records: an
 * operator's name, who issued or overrode something, batch notes. A read made without the PIN
 * never sees them (edge/http/access-hook.ts). The public trace record is stricter still: it is
 * built field by field (public-trace-record.ts).
 */
export const PRIVATE_FIELDS: ReadonlySet<string> = new Set([
  "operator",
  "note",
  "notes",
  "issuedBy",
  "supervisor",
  "actor",
  "overrideReason",
  // Who voided, asked for or settled a print: an operator's name since operators sign in.
  "voidedBy",
  "requestedBy",
  "resolvedBy",
  "packedBy",
]);

/** A copy of `value` without private fields at any depth. */
export function withoutPrivateFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrivateFields);
  if (value === null || typeof value !== "object" || value instanceof Buffer) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!PRIVATE_FIELDS.has(key)) out[key] = withoutPrivateFields(field);
  }
  return out;
}
