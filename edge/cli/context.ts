import "./cli-codes.js";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { DeviceRegistry } from "../../broker/device-registry.js";
import { type LoadedConfig, loadConfig } from "../config/load.js";
import { StationError } from "../core/station-error.js";
import { assertDataDirUsable } from "../ops/data-dir-access.js";
import { type Database, openDatabase } from "../store/database.js";
import { configFileFor } from "./config-file.js";

/** Options every command that touches the data directory takes. */
export const DATA_OPTIONS = {
  config: { type: "string", short: "c" },
  data: { type: "string", short: "d" },
  json: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

/** parseArgs that turns its errors into a CLI_USAGE error with the command's usage. */
export function parseCommandArgs<T extends ParseArgsConfig>(argv: string[], config: T, usage: string) {
  try {
    return parseArgs({ ...config, args: argv, strict: true });
  } catch (err) {
    throw new StationError("CLI_USAGE", `${(err as Error).message}\n用法 / usage: ${usage}`);
  }
}

/** CLI_USAGE for a call a command does not know (no or an unknown action), with its usage. */
export function usageError(usage: string): StationError {
  return new StationError("CLI_USAGE", `用法 / usage: ${usage}`);
}

export interface CliContext {
  loaded: LoadedConfig;
  db: Database;
  devices: DeviceRegistry;
  close(): void;
}

/**
 * Open the station's data directory from the command line (`--config`, `--data`). Safe while
 * the station runs: WAL lets both read and write, and each write waits its turn.
 */
export function openCliContext(values: { config?: string; data?: string }): CliContext {
  const loaded = loadConfig(configFileFor(values.config), values.data ? { dataDir: values.data } : {});
  assertDataDirUsable(loaded.dataDir);
  const db = openDatabase(loaded.dataDir);
  return { loaded, db, devices: new DeviceRegistry(db), close: () => db.close() };
}

/** Print rows as JSON lines, or through a formatter for people. */
export function printRows<T>(rows: T[], json: boolean, human: (row: T) => string): void {
  for (const row of rows) process.stdout.write(`${json ? JSON.stringify(row) : human(row)}\n`);
}

export function parseTimeOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new StationError("TIME_INVALID", `--${name} "${value}" 不是有效时间 / not a valid time`);
  }
  return ms;
}
