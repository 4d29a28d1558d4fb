import type { Database } from "better-sqlite3";

/**
 * One schema step. Ids are unique across components ("core-001-…", "batches-001-…") and are
 * applied in the order of the list in all-migrations.ts; an applied id is never edited, only
 * followed by a new one.
 */
export interface Migration {
  id: string;
  up(db: Database): void;
}

export function sqlMigration(id: string, sql: string): Migration {
  return { id, up: (db) => db.exec(sql) };
}
