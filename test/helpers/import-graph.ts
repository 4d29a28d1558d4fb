import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

/** One static import of a station source file, resolved to a repository-relative path. */
export interface SourceImport {
  from: string;
  to: string;
  /** `import type` / `export type`: erased at build, no runtime dependency. */
  typeOnly: boolean;
  line: number;
}

const PRODUCT_ROOTS = ["edge", "broker", "drivers", "labels"];

/** Every TypeScript source file of the product (not tests), repository-relative. */
export function productSources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
    }
  };
  for (const top of PRODUCT_ROOTS) walk(top);
  return out.sort();
}

// Static `import … from "./x.js"`, `export … from "./x.js"`, side-effect `import "./x.js"` and
// `import("./x.js")`; relative specifiers only (packages and node: builtins are not layers).
const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** The relative imports of one source text, resolved against its own path. */
export function importsOf(path: string, text: string): SourceImport[] {
  const found: SourceImport[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    if (!spec) continue;
    // `import { type A, type B }` is as erased as `import type { A, B }`.
    const clause = m[0];
    const names = /\{([^}]*)\}/.exec(clause)?.[1];
    const allTypeNames =
      names !== undefined &&
      !/^\s*(import|export)\s+\*/.test(clause) &&
      !/import\s+\w+\s*,/.test(clause) &&
      names
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith("type "));
    const typeOnly = m[2] !== undefined || allTypeNames;
    const to = posix.normalize(posix.join(posix.dirname(path), spec.replace(/\.js$/, ".ts")));
    const line = text.slice(0, (m.index ?? 0) + clause.search(/\S/) + 1).split("\n").length;
    found.push({ from: path, to, typeOnly, line });
  }
  return found;
}

/** Every relative import of every product source file. */
export function productImports(root: string): SourceImport[] {
  return productSources(root).flatMap((path) => importsOf(path, readFileSync(join(root, path), "utf8")));
}
