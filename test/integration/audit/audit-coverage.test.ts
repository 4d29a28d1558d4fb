import { afterAll, describe, expect, it } from "vitest";
import { AUDITED_TABLES, NOT_AUDITED } from "../../../edge/audit/audit-migrations.js";
import { openDatabase } from "../../../edge/store/database.js";
import { removeDir, tempDir } from "../../helpers/station.js";

const work = tempDir("audit-coverage");
afterAll(() => removeDir(work));

/**
 * Every table of a fresh store is audited or named as not audited with a reason: a component
 * that adds a record table (shipments, livestock, …) must decide, or this fails.
 */
describe("audit coverage", () => {
  it("every table of the store is audited or excused", () => {
    const db = openDatabase(work);
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all()
        .map(String);
      const audited = new Set<string>(AUDITED_TABLES);
      const unaccounted = tables.filter((t) => !audited.has(t) && !(t in NOT_AUDITED));
      expect(unaccounted).toEqual([]);
      const triggers = new Set(
        db.prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'").pluck().all().map(String),
      );
      expect(AUDITED_TABLES.filter((t) => !triggers.has(t))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
