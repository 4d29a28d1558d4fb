import type { Database } from "better-sqlite3";
import { DEFAULT_LINE_SETTINGS, type LineSettings } from "./line-settings.js";

/** The packing_lines table: one JSON row of settings per line. */
export class LineSettingsStore {
  /** `defaults`: what a line never configured on a kiosk starts with (config `kiosk.autoPrint`). */
  constructor(
    private readonly db: Database,
    private readonly defaults: Partial<LineSettings> = {},
  ) {}

  load(lineId: string): LineSettings {
    const row = this.db.prepare("SELECT settings FROM packing_lines WHERE line_id = ?").get(lineId) as
      | { settings: string }
      | undefined;
    // Settings written by an older version lack newer fields: the defaults fill them.
    const saved = row ? (JSON.parse(row.settings) as Partial<LineSettings>) : {};
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
