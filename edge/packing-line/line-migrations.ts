import { type Migration, sqlMigration } from "../store/migration.js";

export const lineMigrations: Migration[] = [
  sqlMigration(
    "lines-001-settings",
    `
    -- Each packing line's mode and auto-print, chosen on the kiosk: kept here so a restart or a
    -- second screen finds the line as it was left (the selected batch is domain_scale_selection).
    CREATE TABLE packing_lines (
      line_id TEXT PRIMARY KEY,
      settings TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    `,
  ),
];
