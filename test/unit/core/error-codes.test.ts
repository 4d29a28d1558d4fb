import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defineCodes, registeredCodes } from "../../../edge/core/error-codes.js";
import { StationError } from "../../../edge/core/station-error.js";
import { errorCatalog } from "../../../edge/error-catalog.js";
import { importsOf, productSources } from "../../helpers/import-graph.js";

const sources = productSources(".");
const text = new Map(sources.map((path) => [path, readFileSync(path, "utf8")]));
const tables = sources.filter((path) => text.get(path)?.includes("defineCodes({"));

/** Which table file defines each code. */
const definedIn = new Map<string, string>();
for (const table of tables) {
  for (const m of (text.get(table) ?? "").matchAll(/^ {2}([A-Z][A-Z0-9_]+): \{/gm))
    definedIn.set(m[1] ?? "", table);
}

/** The files a module loads at run time, itself included (type-only imports are erased). */
function runtimeClosure(start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  for (let path = todo.pop(); path !== undefined; path = todo.pop()) {
    if (seen.has(path) || !text.has(path)) continue;
    seen.add(path);
    for (const imp of importsOf(path, text.get(path) ?? "")) if (!imp.typeOnly) todo.push(imp.to);
  }
  return seen;
}

describe("error codes register where they are raised", () => {
  it("every module naming a code loads the table that defines it", () => {
    const unloaded: string[] = [];
    for (const path of sources) {
      const codes = new Set(
        [...(text.get(path) ?? "").matchAll(/"([A-Z][A-Z0-9]*_[A-Z0-9_]+)"/g)]
          .map((m) => m[1] ?? "")
          .filter((code) => definedIn.has(code)),
      );
      if (codes.size === 0) continue;
      const closure = runtimeClosure(path);
      for (const code of codes) {
        const table = definedIn.get(code) ?? "";
        if (!closure.has(table)) unloaded.push(`${path}: ${code} (${table})`);
      }
    }
    expect(unloaded).toEqual([]);
  });

  it("the catalogue lists every table's codes and nothing else", async () => {
    for (const table of tables) await import(`../../../${table.replace(/\.ts$/, ".js")}`);
    expect([...registeredCodes().keys()].sort()).toEqual(Object.keys(errorCatalog).sort());
    expect([...definedIn.keys()].sort()).toEqual(Object.keys(errorCatalog).sort());
  });

  it("an error carries its code's title and remedy", () => {
    const err = new StationError("LABEL_GTIN_INVALID", "GTIN 校验位不对", { gtin: "123" });
    expect(err.remedy).toBe(errorCatalog.LABEL_GTIN_INVALID.remedy.zh);
    expect(err.toJSON()).toMatchObject({
      code: "LABEL_GTIN_INVALID",
      title: errorCatalog.LABEL_GTIN_INVALID.title,
      gtin: "123",
    });
  });

  it("a code defined twice with other text is refused at load", () => {
    const entry = { title: { zh: "甲", en: "a" }, remedy: { zh: "乙", en: "b" } };
    expect(() => defineCodes({ CONFIG_INVALID: entry })).toThrow(/CONFIG_INVALID is defined twice/);
  });
});
