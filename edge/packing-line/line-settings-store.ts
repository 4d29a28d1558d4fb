import { Type } from "@sinclair/typebox";
import type { Database } from "better-sqlite3";
import { jsonColumn, rowMapping } from "../core/row-mapping.js";
import { DEFAULT_LINE_SETTINGS, type LineSettings } from "./line-settings.js";

/**
 * A row of `packing_lines` (line-migrations.ts). Settings written by an older version lack
 * newer fields, so what is stored is a partial LineSettings.
 */
export const LINE_SETTINGS_COLUMNS = rowMapping({
  line_id: Type.String(),
  settings: jsonColumn<Partial<LineSettings>>(),
  updated_at: Type.Integer(),
});

/** The packing_lines table: one JSON row of settings per line. */
export class LineSettingsStore {
  /** `defaults`: what a line never configured on a kiosk starts with (config `kiosk.autoPrint`). */
  constructor(
    private readonly db: Database,
    private readonly defaults: Partial<LineSettings> = {},
  ) {}

  load(lineId: string): LineSettings {
    const row = this.db
      .prepare(`SELECT ${LINE_SETTINGS_COLUMNS.columns} FROM packing_lines WHERE line_id = ?`)
      .get(lineId);
    // Settings written by an older version lack newer fields: the defaults fill them.
    const saved = LINE_SETTINGS_COLUMNS.maybeRecord(row)?.settings ?? {};
    return { ...DEFAULT_LINE_SETTINGS, ...this.defaults, ...saved };
  }

  save(lineId: string, settings: LineSettings, now: number): void {
    this.db
      .prepare(
        `INSERT INTO packing_lines (line_id, settings, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (line_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      )
      .run(lineId, JSON.stringify(settings), now);
  }
}
