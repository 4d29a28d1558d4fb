import { Kind, type TObject, type TSchema } from "@sinclair/typebox";
import { stringify } from "yaml";
import { ConfigSchema } from "./schema.js";

/**
 * The commented example config that `trace-station init` writes, generated from the schema so
 * the docs can never drift from what is validated. Optional sections without a default are
 * written commented out, showing their fields.
 */
export function exampleConfig(): string {
  const header = [
    "# trace-station 配置文件 / configuration file",
    "# 每一项都有默认值；只改需要的项。改完运行 trace-station doctor 检查。",
    "# Every field has a default; change only what you need, then run trace-station doctor.",
    "",
  ];
  return `${header.join("\n")}${renderObject(ConfigSchema, 0, false).join("\n")}\n`;
}

function renderObject(schema: TObject, depth: number, commented: boolean): string[] {
  const lines: string[] = [];
  const required = new Set(schema.required ?? []);
  for (const [key, child] of Object.entries(schema.properties) as [string, TSchema][]) {
    const indent = "  ".repeat(depth);
    const off = commented || (!required.has(key) && child.default === undefined);
    const prefix = off ? "# " : "";
    if (child.description) lines.push(`${indent}# ${child.description}`);
    if (isObject(child)) {
      lines.push(`${indent}${prefix}${key}:`);
      lines.push(...renderObject(child, depth + 1, off));
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
