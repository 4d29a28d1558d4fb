import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Two connections write the store: the writer thread's and the main thread's. A deferred
 * transaction that reads before it writes fails with SQLITE_BUSY_SNAPSHOT when the other one
 * commits in between, at once and whatever busy_timeout says (a projection lost its record
 * that way: test/integration/core/commit-between.test.ts). So every transaction of the product
 * begins IMMEDIATE, except these, which only read.
 */
const READ_ONLY: Record<string, number> = {
  // Gathers what the derived tables lack, at the writer's start: one consistent snapshot.
  "edge/intake/derived-writes.ts": 1,
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Each `.transaction(` call, and whether it is invoked as `.immediate(`/`.exclusive(`. */
function transactions(source: string): Array<{ line: number; immediate: boolean }> {
  const found: Array<{ line: number; immediate: boolean }> = [];
  for (let at = source.indexOf(".transaction("); at !== -1; at = source.indexOf(".transaction(", at + 1)) {
    // The body ends at the parenthesis that closes `.transaction(`.
    let depth = 0;
    let end = at + ".transaction".length;
    for (; end < source.length; end++) {
      const c = source[end];
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) break;
    }
    const after = source.slice(end + 1, end + 40).replace(/\s+/g, "");
    // Or kept under a name and always run as `name.immediate(`.
    const name = /const (\w+) =\s*\w+\s*$/.exec(source.slice(Math.max(0, at - 80), at))?.[1];
    const runs = name ? [...source.slice(at).matchAll(new RegExp(`\\b${name}(\\.\\w+)?\\(`, "g"))] : [];
    found.push({
      line: source.slice(0, at).split("\n").length,
      immediate:
        after.startsWith(".immediate(") ||
        after.startsWith(".exclusive(") ||
        (runs.length > 0 && runs.every((m) => m[1] === ".immediate" || m[1] === ".exclusive")),
    });
  }
  return found;
}

describe("write transactions take the write lock at BEGIN", () => {
  it("every product transaction is immediate, but the read-only ones listed", () => {
    const deferred: string[] = [];
    for (const root of ["edge", "broker", "drivers", "labels"])
      for (const file of sources(root)) {
        const open = transactions(readFileSync(file, "utf8")).filter((t) => !t.immediate);
        if (open.length !== (READ_ONLY[file] ?? 0)) deferred.push(...open.map((t) => `${file}:${t.line}`));
      }
    expect(deferred).toEqual([]);
  });

  it("the check tells the two forms apart", () => {
    expect(transactions("db.transaction(() => { a(); })();")).toEqual([{ line: 1, immediate: false }]);
    expect(transactions("db\n  .transaction((x) => {\n f(g(x));\n })\n  .immediate();")).toEqual([
      { line: 2, immediate: true },
    ]);
    const named = "const write = db.transaction(() => {});\nwrite.immediate();";
    expect(transactions(named)).toEqual([{ line: 1, immediate: true }]);
    expect(transactions(`${named}\nwrite();`)).toEqual([{ line: 1, immediate: false }]);
  });
});
