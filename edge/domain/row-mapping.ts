/** Column names in snake_case → record fields in camelCase, for rows whose columns map one to one. */
export function camelRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const key in row) out[key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = row[key];
  return out as T;
}

/** `camelRow` for a `get` that may find nothing (better-sqlite3 types its rows `unknown`). */
export function maybeCamelRow<T>(row: unknown): T | undefined {
  return row ? camelRow<T>(row as Record<string, unknown>) : undefined;
}

/** `camelRow` over the rows of an `all`. */
export function camelRows<T>(rows: unknown[]): T[] {
  return rows.map((row) => camelRow<T>(row as Record<string, unknown>));
}
