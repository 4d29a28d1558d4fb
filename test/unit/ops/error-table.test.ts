import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorCatalog } from "../../../edge/error-catalog.js";
import { codesInGuide, renderErrorTable, updateGuide } from "../../../edge/ops/error-table.js";

const GUIDE = readFileSync("systemd/README.md", "utf8");

describe("technician guide error table", () => {
  it("has a row for every code in the catalogue (regenerate: npm run docs:codes)", () => {
    const rows = codesInGuide(GUIDE);
    const missing = Object.keys(errorCatalog).filter((code) => !rows.has(code));
    expect(missing, `systemd/README.md 缺少这些代码 / lacks these codes; run npm run docs:codes`).toEqual([]);
  });

  it("a code added to the catalogue without regenerating is caught", () => {
    const catalog = {
      ...errorCatalog,
      OPS_TEST_NEW_CODE: { title: { zh: "新", en: "New" }, remedy: { zh: "甲|乙", en: "a | b" } },
    };
    expect(codesInGuide(GUIDE).has("OPS_TEST_NEW_CODE")).toBe(false);
    const regenerated = updateGuide(GUIDE, catalog);
    expect(codesInGuide(regenerated).has("OPS_TEST_NEW_CODE")).toBe(true);
    // A pipe in a remedy must not split the Markdown cell.
    expect(renderErrorTable(catalog)).toContain("甲\\|乙<br>a \\| b");
    // Regenerating is stable and leaves the prose around the table alone.
    expect(updateGuide(regenerated, catalog)).toBe(regenerated);
    expect(regenerated.startsWith(GUIDE.slice(0, GUIDE.indexOf("<!-- error-codes:begin")))).toBe(true);
  });
});
