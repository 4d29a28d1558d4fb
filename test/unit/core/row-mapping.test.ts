import { Type } from "@sinclair/typebox";
import Database from "better-sqlite3";
import { describe, expect, expectTypeOf, it } from "vitest";
import { nullable, oneOf, type RecordOf, type RowOf, rowMapping } from "../../../edge/core/row-mapping.js";

const KINDS = ["plot", "pond"] as const;
const columns = rowMapping({
  id: Type.String(),
  kind: oneOf(KINDS),
  area_mu: nullable(Type.Number()),
  online: Type.Boolean(),
  settings: Type.Object({ auto: Type.Boolean() }, { stored: "json" }),
  devices: Type.Array(Type.String(), {
    stored: "csv",
    select: "(SELECT group_concat(d) FROM (SELECT 'a' AS d UNION ALL SELECT 'b'))",
  }),
});

describe("one declaration per record", () => {
  it("derives the record type, the raw row type, the column list and the mapper from one declaration", () => {
    expectTypeOf<RecordOf<typeof columns>>().toEqualTypeOf<{
      id: string;
      kind: "plot" | "pond";
      areaMu: number | null;
      online: boolean;
      settings: { auto: boolean };
      devices: string[];
    }>();
    expectTypeOf<RowOf<typeof columns>["online"]>().toEqualTypeOf<number>();
    expect(columns.columns).toBe(
      "id, kind, area_mu, online, settings, (SELECT group_concat(d) FROM (SELECT 'a' AS d UNION ALL SELECT 'b')) AS devices",
    );
    expect(columns.columnsOf("s")).toMatch(/^s\.id, s\.kind, s\.area_mu, s\.online, s\.settings, \(SELECT/);

    const db = new Database(":memory:");
    try {
      db.exec("CREATE TABLE sites (id TEXT, kind TEXT, area_mu REAL, online INTEGER, settings TEXT)");
      db.prepare("INSERT INTO sites VALUES ('s1', 'pond', NULL, 1, '{\"auto\":true}')").run();
      const select = db.prepare(`SELECT ${columns.columnsOf("s")} FROM sites s WHERE id = ?`);
      expect(columns.maybeRecord(select.get("s1"))).toEqual({
        id: "s1",
        kind: "pond",
        areaMu: null,
        online: true,
        settings: { auto: true },
        devices: ["a", "b"],
      });
      expect(columns.maybeRecord(select.get("nowhere"))).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
