import type { OptionSpecs } from "./command-spec.js";

/** The options of every command that opens the data directory (`common: DATA_COMMON`). */
export const DATA_OPTION_SPECS = {
  config: {
    type: "string",
    short: "c",
    value: "FILE",
    quiet: true,
    help: {
      zh: "配置文件（默认 TRACE_STATION_CONFIG 或 /etc/trace-station/config.yaml）",
      en: "config file (default TRACE_STATION_CONFIG or /etc/trace-station/config.yaml)",
    },
  },
  data: {
    type: "string",
    short: "d",
    value: "DIR",
    quiet: true,
    help: { zh: "数据目录（覆盖配置里的）", en: "data directory (overrides the config's)" },
  },
  json: {
    type: "boolean",
    default: false,
    help: { zh: "输出 JSON（每行一条）", en: "print JSON, one per line" },
  },
} as const satisfies OptionSpecs;

export const DATA_COMMON = ["config", "data", "json"] as const;
