import type { Database } from "better-sqlite3";

/**
 * Draw the next value of a never-reused sequence. Call inside the transaction that uses it
 * (opened IMMEDIATE, so the write lock is held from the start): the increment and the record
 * commit together or not at all, and a second process waits for the lock instead of reading
 * the same value.
 */
export function nextCounter(db: Database, name: string): number {
  const row = db
    .prepare(
      "INSERT INTO domain_counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
    )
    .get(name) as { value: number };
  return row.value;
}
