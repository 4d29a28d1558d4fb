import type { CodeTable } from "../core/code-entry.js";

/** Markers around the generated table in the technician guide (systemd/README.md). */
export const TABLE_BEGIN = "<!-- error-codes:begin (npm run docs:codes) -->";
export const TABLE_END = "<!-- error-codes:end -->";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The error-code table in Markdown, one row per code, sorted: zh then en in each cell. */
export function renderErrorTable(catalog: CodeTable): string {
  const rows = Object.keys(catalog)
    .sort()
    .map((code) => {
      const entry = catalog[code];
      if (!entry) return "";
      return `| \`${code}\` | ${cell(entry.title.zh)}<br>${cell(entry.title.en)} | ${cell(entry.remedy.zh)}<br>${cell(entry.remedy.en)} |`;
    });
  return ["| 代码 / Code | 问题 / Problem | 处理办法 / Remedy |", "|---|---|---|", ...rows].join("\n");
}

/** Replace the table between the markers; the rest of the guide is left as written. */
export function updateGuide(guide: string, catalog: CodeTable): string {
  const begin = guide.indexOf(TABLE_BEGIN);
  const end = guide.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`guide lacks the markers ${TABLE_BEGIN} … ${TABLE_END}`);
  return `${guide.slice(0, begin + TABLE_BEGIN.length)}\n${renderErrorTable(catalog)}\n${guide.slice(end)}`;
}

/** Codes the guide's table has a row for. */
export function codesInGuide(guide: string): Set<string> {
  // Biome pads the cells (npm run lint formats Markdown), so any run of spaces before the bar.
  return new Set([...guide.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\|/gm)].map((m) => m[1] ?? ""));
}
