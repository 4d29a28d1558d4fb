import { Kind, type TObject, type TSchema } from "@sinclair/typebox";
import { stringify } from "yaml";
import { ConfigSchema } from "./schema.js";

/**
 * The commented example config that `trace-station init` writes, generated from the schema so
 * the docs can never drift from what is validated. Optional sections without a default are
 * written commented out, showing their fields.
 */
export function exampleConfig(values: ExampleValues = PRODUCTION): string {
  const header = [
    "# trace-station 配置文件 / configuration file",
    "# 每一项都有默认值；只改需要的项。改完运行 trace-station doctor 检查。",
    "# Every field has a default; change only what you need, then run trace-station doctor.",
    "",
  ];
  return `${header.join("\n")}${renderObject(ConfigSchema, 0, false, "", values).join("\n")}\n`;
}

/** Values `init` writes instead of the schema default, by path, each with why. */
export type ExampleValues = Readonly<Record<string, { value: unknown; note: string }>>;

/**
 * A config from `init` is for a real station: the embedded defaults (demo on, a QR base at
 * trace-station.local) suit `npm start` on a laptop, not labels that leave the packing house.
 * The QR base is a placeholder (RFC 6761 .invalid) that doctor fails until it is filled in.
 */
export const PRODUCTION: ExampleValues = {
  "demo.enabled": {
    value: false,
    note: "正式站点关闭演示 / off on a real station (demo data would mix into real records)",
  },
  "labels.qr.baseUrl": {
    value: "https://trace.example.invalid",
    note: "必须改成消费者手机能打开的地址，否则 doctor 报错 / MUST be an address phones can open; doctor fails until it is",
  },
};

function renderObject(
  schema: TObject,
  depth: number,
  commented: boolean,
  at: string,
  values: ExampleValues,
): string[] {
  const lines: string[] = [];
  const required = new Set(schema.required ?? []);
  for (const [key, child] of Object.entries(schema.properties) as [string, TSchema][]) {
    const indent = "  ".repeat(depth);
    const off = commented || (!required.has(key) && child.default === undefined);
    const prefix = off ? "# " : "";
    const path = at ? `${at}.${key}` : key;
    const own = values[path];
    if (child.description) lines.push(`${indent}# ${child.description}`);
    if (isObject(child)) {
      lines.push(`${indent}${prefix}${key}:`);
      lines.push(...renderObject(child, depth + 1, off, path, values));
    } else if (own) {
      lines.push(`${indent}# ${own.note}`);
      lines.push(`${indent}${prefix}${key}: ${stringify(own.value).trim()}`);
    } else {
      lines.push(`${indent}${prefix}${key}: ${scalar(child)}`);
    }
  }
  return lines;
}

function isObject(schema: TSchema): schema is TObject {
  return schema[Kind] === "Object" && schema.properties !== undefined;
}

function scalar(schema: TSchema): string {
  // A list or map default as JSON (valid YAML flow) on the key's own line; block style would break it.
  if (schema.default !== null && typeof schema.default === "object") return JSON.stringify(schema.default);
  if (schema.default !== undefined) return stringify(schema.default).trim();
  if (schema[Kind] === "Array") return "[]";
  if (schema[Kind] === "Integer" || schema[Kind] === "Number") return "0";
  if (schema[Kind] === "Boolean") return "false";
  return '""';
}
