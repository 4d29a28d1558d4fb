import "./cli-codes.js";
import { userInfo } from "node:os";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { DeviceRegistry } from "../../broker/device-registry.js";
import { setDefaultActor } from "../audit/actor-context.js";
import { type LoadedConfig, loadConfig } from "../config/load.js";
import { StationError } from "../core/station-error.js";
import { parseLocalTime } from "../domain/local-time.js";
import { assertDataDirUsable } from "../ops/data-dir-access.js";
import { type Database, openDatabase } from "../store/database.js";
import { configFileFor } from "./config-file.js";

/**
 * Options every command that touches the data directory takes, for a command still written in
 * the old style (declared commands use spec/data-options.ts; edge/cli/README.md converts).
 */
export const DATA_OPTIONS = {
  config: { type: "string", short: "c" },
  data: { type: "string", short: "d" },
  json: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

/** parseArgs that turns its errors into a CLI_USAGE error with the command's usage (old style). */
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
  // What a command writes is audited as the person at the box's shell.
  setDefaultActor({ id: null, name: `cli:${userInfo().username}`, role: "automation" });
  return { loaded, db, devices: new DeviceRegistry(db), close: () => db.close() };
}

/** The station's zone from the config a command would load (for typed times before opening the data). */
export function cliZone(values: { config?: string; data?: string }): string {
  try {
    return loadConfig(values.config, values.data ? { dataDir: values.data } : {}).config.station.timezone;
  } catch {
    // A config that does not load is reported by the command itself; typed times then read as
    // the default zone of the schema.
    return "Asia/Shanghai";
  }
}

/** Print rows as JSON lines, or through a formatter for people. */
export function printRows<T>(rows: T[], json: boolean, human: (row: T) => string): void {
  for (const row of rows) process.stdout.write(`${json ? JSON.stringify(row) : human(row)}\n`);
}

/**
 * A typed time: epoch ms, ISO-8601 with an offset, or a time without offset read in the
 * station's zone (`timeZone`, from the config), never as UTC.
 */
export function parseTimeOption(
  value: string | undefined,
  name: string,
  timeZone: string,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseLocalTime(value, timeZone);
  if (Number.isNaN(ms)) {
    throw new StationError(
      "TIME_INVALID",
      `--${name} "${value}" 不是有效时间（如 2026-05-03 07:30，按本站时区 ${timeZone}）/ not a valid time (e.g. 2026-05-03 07:30, in ${timeZone})`,
    );
  }
  return ms;
}
