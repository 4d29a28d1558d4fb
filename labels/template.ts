import "./label-codes.js";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Static, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { StationError } from "../edge/core/station-error.js";
import { charColumns, textColumns, wrapColumns } from "./east-asian-width.js";
import type { Label, LabelElement } from "./layout.js";
import { templateGeometryProblems } from "./template-geometry.js";

const Mm = (description: string) => Type.Number({ minimum: 0, maximum: 1000, description });
/** Placeholder values that must be non-empty (and not hidden) for the element to print. */
const When = Type.Optional(Type.String({ description: "only when this value is non-empty" }));

const TextItem = Type.Object(
  {
    type: Type.Literal("text"),
    x: Mm("left, mm"),
    y: Mm("top, mm"),
    size: Type.Number({ minimum: 1, maximum: 30, description: "character height, mm" }),
    text: Type.String({ description: "text with {placeholders}" }),
    bold: Type.Optional(Type.Boolean()),
    width: Type.Optional(Mm("wrap and alignment width, mm (default: to the right edge)")),
    maxLines: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    align: Type.Optional(Type.Union([Type.Literal("left"), Type.Literal("center"), Type.Literal("right")])),
    when: When,
    flow: Type.Optional(
      Type.String({
        description:
          "rows of one flow move up into the place of a row left out (no blank rows) / rows that close up when one is skipped",
      }),
    ),
  },
  { additionalProperties: false },
);
const QrItem = Type.Object(
  { type: Type.Literal("qr"), x: Mm("left"), y: Mm("top"), size: Mm("side"), when: When },
  { additionalProperties: false },
);
const RuleItem = Type.Object(
  {
    type: Type.Literal("rule"),
    x: Mm("left"),
    y: Mm("top"),
    length: Mm("length"),
    thickness: Type.Optional(Mm("thickness")),
    when: When,
  },
  { additionalProperties: false },
);
const BoxItem = Type.Object(
  {
    type: Type.Literal("box"),
    x: Mm("left"),
    y: Mm("top"),
    width: Mm("width"),
    height: Mm("height"),
    thickness: Type.Optional(Mm("thickness")),
    when: When,
  },
  { additionalProperties: false },
);

/** A label template file: data the station owner may copy into labels.templatesDir and edit. */
export const TemplateSchema = Type.Object(
  {
    id: Type.String({ pattern: "^[a-z0-9-]+$" }),
    kind: Type.Union([Type.Literal("package"), Type.Literal("certificate"), Type.Literal("test")]),
    description: Type.Optional(Type.String()),
    widthMm: Type.Number({ minimum: 10, maximum: 300 }),
    heightMm: Type.Number({ minimum: 10, maximum: 1000 }),
    continuous: Type.Optional(Type.Boolean({ description: "receipt roll, no gap" })),
    items: Type.Array(Type.Union([TextItem, QrItem, RuleItem, BoxItem])),
  },
  { additionalProperties: false },
);

export type LabelTemplate = Static<typeof TemplateSchema>;
export type TemplateValues = Readonly<Record<string, string>>;

/** Beside this file when run from source; `labels/templates` at the package root from `dist/`. */
export const BUILTIN_TEMPLATES_DIR = [
  new URL("./templates/", import.meta.url),
  new URL("../../labels/templates/", import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(join(dir, "test-page.json"))) as string;

/** Read every `*.json` template in a directory, validated; later directories override by id. */
export function loadTemplates(dirs: readonly string[]): Map<string, LabelTemplate> {
  const templates = new Map<string, LabelTemplate>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json") && !f.startsWith("_"))) {
      const path = join(dir, file);
      const raw: unknown = JSON.parse(readFileSync(path, "utf8"));
      const errors = [...Value.Errors(TemplateSchema, raw)];
      if (errors.length > 0) {
        const list = errors.map((e) => `${e.path || "/"}: ${e.message}`).join("; ");
        throw new StationError("LABEL_TEMPLATE_INVALID", `模板 ${path} 有误 / invalid template: ${list}`, {
          path,
        });
      }
      const template = raw as LabelTemplate;
      const outside = templateGeometryProblems(template);
      if (outside.length > 0) {
        throw new StationError(
          "LABEL_TEMPLATE_INVALID",
          `模板 ${path} 有字会被截掉 / glyphs would be cut off: ${outside.join("; ")}`,
          { path },
        );
      }
      templates.set(template.id, template);
    }
  }
  return templates;
}

function fill(text: string, values: TemplateValues): string {
  return text.replace(/\{([\w.]+)\}/g, (_, name: string) => values[name] ?? "");
}

/**
 * Template + values → label. Text is wrapped here with the printers' East-Asian widths, so
 * every back end gets the same lines; an overflowing last line ends in "…".
 */
export function fillTemplate(template: LabelTemplate, values: TemplateValues, qrData: string): Label {
  const elements: LabelElement[] = [];
  /** How far each flow's later rows move up: the height of the rows left out before them. */
  const lift = new Map<string, number>();
  for (const item of template.items) {
    const flow = item.type === "text" ? item.flow : undefined;
    if (item.when !== undefined && !values[item.when]) {
      if (flow !== undefined && item.type === "text")
        lift.set(flow, (lift.get(flow) ?? 0) + item.size * 1.25);
      continue;
    }
    switch (item.type) {
      case "text": {
        const up = flow === undefined ? 0 : (lift.get(flow) ?? 0);
        const width = item.width ?? template.widthMm - item.x;
        const maxColumns = Math.max(1, Math.floor(width / (item.size / 2)));
        const lines = wrapColumns(fill(item.text, values), maxColumns);
        const maxLines = item.maxLines ?? 1;
        const shown = lines.slice(0, maxLines);
        if (lines.length > maxLines) shown[maxLines - 1] = ellipsize(shown[maxLines - 1] ?? "", maxColumns);
        shown.forEach((line, i) => {
          if (line === "") return;
          const free = width - textColumns(line) * (item.size / 2);
          const dx = item.align === "center" ? free / 2 : item.align === "right" ? free : 0;
          elements.push({
            kind: "text",
            x: item.x + Math.max(0, dx),
            y: item.y - up + i * item.size * 1.25,
            size: item.size,
            text: line,
            bold: item.bold ?? false,
          });
        });
        break;
      }
      case "qr":
        elements.push({ kind: "qr", x: item.x, y: item.y, size: item.size, data: qrData });
        break;
      case "rule":
        elements.push({
          kind: "rule",
          x: item.x,
          y: item.y,
          length: item.length,
          thickness: item.thickness ?? 0.25,
        });
        break;
      case "box":
        elements.push({
          kind: "box",
          x: item.x,
          y: item.y,
          width: item.width,
          height: item.height,
          thickness: item.thickness ?? 0.25,
        });
        break;
    }
  }
  return {
    widthMm: template.widthMm,
    heightMm: template.heightMm,
    continuous: template.continuous ?? false,
    elements,
  };
}

function ellipsize(line: string, maxColumns: number): string {
  let out = "";
  let columns = 0;
  for (const char of line) {
    if (columns + charColumns(char) > maxColumns - 2) break;
    out += char;
    columns += charColumns(char);
  }
  return `${out}…`;
}
