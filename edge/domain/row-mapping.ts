/** Column names in snake_case → record fields in camelCase, for rows whose columns map one to one. */
export function camelRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const key in row) out[key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = row[key];
  return out as T;
}
