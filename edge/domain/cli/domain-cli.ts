import "../../cli/cli-codes.js";
import { type CliContext, openCliContext, parseTimeOption } from "../../cli/context.js";
import { localDateTime } from "../../core/local-day.js";
import { StationError } from "../../core/station-error.js";
import { createDomain, type Domain } from "../domain.js";

/** A CLI command's view of the domain over the data directory (safe while the station runs: WAL). */
export interface DomainCli {
  ctx: CliContext;
  domain: Domain;
  /** The station's zone (typed times are read in it, shown times are written in it). */
  zone: string;
  /** A typed time option in the station's zone, defaulting to now. */
  time(value: string | undefined, name: string): number;
  /** A typed time option in the station's zone, or undefined when not given. */
  maybeTime(value: string | undefined, name: string): number | undefined;
  close(): void;
}

export function openDomainCli(values: { config?: string; data?: string }): DomainCli {
  const ctx = openCliContext(values);
  const { station, domain: config } = ctx.loaded.config;
  const domain = createDomain(ctx.db, {
    station: { code: station.code, name: station.name, timezone: station.timezone },
    config,
  });
  const zone = station.timezone;
  return {
    ctx,
    domain,
    zone,
    time: (value, name) => parseTimeOption(value, name, zone) ?? Date.now(),
    maybeTime: (value, name) => parseTimeOption(value, name, zone),
    close: () => ctx.close(),
  };
}

/** One result: JSON on one line, or lines for people. */
export function printResult(value: unknown, json: boolean | undefined, human: () => string): void {
  process.stdout.write(`${json ? JSON.stringify(value) : human()}\n`);
}

export function need<T>(value: T | undefined, what: string, usage: string): T {
  if (value === undefined || value === "") {
    throw new StationError("CLI_USAGE", `需要 ${what} / ${what} is required\n用法 / usage: ${usage}`);
  }
  return value;
}

/**
 * A required option that must be one of a closed list (a category, a kind): the value narrowed
 * to the list's type, or CLI_USAGE with the usage, which lists the allowed values.
 */
export function needOneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  what: string,
  usage: string,
): T {
  const v = need(value, what, usage);
  if (!(allowed as readonly string[]).includes(v)) throw new StationError("CLI_USAGE", usage);
  return v as T;
}

export function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new StationError("CLI_USAGE", `--${name} "${value}" 不是数字 / not a number`);
  return n;
}

/** "YYYY-MM-DD HH:mm" in the station's zone: times read back the way they are typed. */
export const day = (ms: number | null, zone: string): string => (ms === null ? "-" : localDateTime(ms, zone));
