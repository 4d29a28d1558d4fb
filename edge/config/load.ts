import "../core/core-codes.js";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { parse as parseYaml } from "yaml";
import { ruleListProblems } from "../alarms/resolve-rule.js";
import { StationError } from "../core/station-error.js";
import { describeCode } from "../error-catalog.js";
import { crossCheckConfig } from "./cross-checks.js";
import { CONFIG_VERSION, ConfigSchema, type StationConfig } from "./schema.js";

/** Exit code for a configuration the station refuses; systemd's RestartPreventExitStatus names it. */
export const EXIT_CONFIG = 78;

export interface ConfigProblem {
  path: string;
  message: string;
  remedy: string;
}

export class ConfigError extends StationError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: ConfigProblem[], source: string) {
    super(
      "CONFIG_INVALID",
      `配置文件 ${source} 有 ${problems.length} 处错误 / ${problems.length} problem(s)`,
      {
        source,
        problems,
      },
    );
    this.problems = problems;
  }

  /** Every problem on its own line, for a technician reading the journal or a terminal. */
  report(): string {
    const lines = this.problems.map((p) => `  - ${p.path || "/"}: ${p.message}\n    → ${p.remedy}`);
    return `${this.message}\n${lines.join("\n")}`;
  }
}

/** Values given on the command line; each wins over the file. */
export interface ConfigOverrides {
  dataDir?: string;
  mqttPort?: number;
  httpPort?: number;
}

export interface LoadedConfig {
  config: Readonly<StationConfig>;
  /** Absolute data directory after overrides and defaults. */
  dataDir: string;
  source: string;
}

export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new StationError("CONFIG_UNREADABLE", `无法读取配置文件 ${file}: ${(err as Error).message}`, {
      file,
    });
  }
  try {
    return parseYaml(text) ?? {};
  } catch (err) {
    throw new StationError(
      "CONFIG_UNREADABLE",
      `配置文件 ${file} 不是合法的 YAML/JSON: ${(err as Error).message}`,
      {
        file,
      },
    );
  }
}

/** Older config versions are migrated forward here, one step per version. */
function migrate(raw: Record<string, unknown>, source: string): Record<string, unknown> {
  const version = raw.version ?? CONFIG_VERSION;
  if (typeof version === "number" && version > CONFIG_VERSION) {
    throw new StationError(
      "CONFIG_VERSION_UNSUPPORTED",
      `配置版本 ${version} 比本程序支持的 ${CONFIG_VERSION} 新 / config version ${version} is newer than ${CONFIG_VERSION}`,
      { source },
    );
  }
  return raw;
}

/** Validate a raw config object: every problem at once, with its path and remedy; then freeze. */
export function validateConfig(
  raw: unknown,
  source = "<config>",
  overrides: ConfigOverrides = {},
): LoadedConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError(
      [
        {
          path: "/",
          message: "配置必须是一个对象 / config must be a mapping",
          remedy: "参考 trace-station init 生成的示例",
        },
      ],
      source,
    );
  }
  const migrated = migrate(structuredClone(raw) as Record<string, unknown>, source);
  applyOverrides(migrated, overrides);
  const withDefaults = Value.Default(ConfigSchema, migrated);
  const problems = [...Value.Errors(ConfigSchema, withDefaults)].map((e) => ({
    path: e.path,
    message: e.message,
    remedy: remedyFor(e.schema, e.path),
  }));
  // Cross-field and machine checks run even when the schema found problems, so a technician
  // sees every mistake in one run instead of one per restart.
  problems.push(...crossCheckConfig(withDefaults as StationConfig));
  // Alarm rules: preset names, kind-specific fields (once the schema holds).
  if (problems.length === 0) {
    const rules = (withDefaults as StationConfig).alarms.rules;
    for (const p of ruleListProblems(rules))
      problems.push({ ...p, remedy: describeCode("ALARM_RULE_INVALID").remedy.zh });
  }
  if (problems.length > 0) throw new ConfigError(dedupe(problems), source);
  const config = deepFreeze(withDefaults as StationConfig);
  const dataDir = resolve(config.dataDir ?? process.env.STATE_DIRECTORY ?? "./data");
  return { config, dataDir, source };
}

export function loadConfig(file: string | undefined, overrides: ConfigOverrides = {}): LoadedConfig {
  const raw = file ? readConfigFile(file) : {};
  return validateConfig(raw, file ?? "<内置默认 / embedded defaults>", overrides);
}

function applyOverrides(raw: Record<string, unknown>, o: ConfigOverrides): void {
  const section = (name: string): Record<string, unknown> => {
    const current = raw[name];
    if (current && typeof current === "object" && !Array.isArray(current))
      return current as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    raw[name] = created;
    return created;
  };
  if (o.dataDir !== undefined) raw.dataDir = o.dataDir;
  if (o.mqttPort !== undefined) section("mqtt").port = o.mqttPort;
  if (o.httpPort !== undefined) section("http").port = o.httpPort;
}

function remedyFor(schema: TSchema, path: string): string {
  if (schema.description) return `应为 / expected: ${schema.description}`;
  if (schema.additionalProperties === false) {
    return "删除未知的键，或检查拼写（trace-station init 列出全部键）/ remove the unknown key or fix its spelling";
  }
  return `参考 trace-station init 生成的示例中 ${path} 的写法 / see ${path} in the example from trace-station init`;
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
