import { fstatSync } from "node:fs";
import {
  type Bindings,
  type ChildLoggerOptions,
  type DestinationStream,
  type Logger,
  type LoggerOptions,
  pino,
} from "pino";

export type { Logger } from "pino";

/** Paths whose values never reach the journal (STYLE.md §11). */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "*.adminToken",
  "*.kioskPin",
  "pin",
  "*.key",
  "headers.authorization",
];

/**
 * json: one JSON object a line (files, pipes, `jq`); journal: the same, each line prefixed with
 * its syslog priority; pretty: a readable line for a person at a terminal. auto picks journal
 * when stdout is the journal, pretty on a terminal, json otherwise.
 */
export type LogFormat = "json" | "journal" | "pretty" | "auto";

export interface LoggerSettings {
  level: string;
  /** Where JSON lines go; stdout by default so journald collects them. */
  destination?: NodeJS.WritableStream;
  /** Only for stdout; `TRACE_STATION_LOG_FORMAT` overrides auto. */
  format?: LogFormat;
}

/** The root logger: JSON to stdout. Components take `logger.child({ component })`. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: "trace-station" },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (settings.destination) return uniqueKeys(pino(options, settings.destination));
  const format = resolveFormat(settings.format ?? "auto");
  if (format === "json") return uniqueKeys(pino(options));
  const stdout = pino.destination({ fd: 1, sync: true });
  const write = format === "journal" ? journalLine : prettyLine;
  const destination: DestinationStream = { write: (line: string) => stdout.write(write(line)) };
  return uniqueKeys(pino(options, destination));
}

/** A logger that writes nothing, for CLI commands that print their own output and for tests. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}

export function resolveFormat(
  format: LogFormat,
  env: NodeJS.ProcessEnv = process.env,
): Exclude<LogFormat, "auto"> {
  const wanted = format === "auto" ? env.TRACE_STATION_LOG_FORMAT : format;
  if (wanted === "json" || wanted === "journal" || wanted === "pretty") return wanted;
  if (stdoutIsJournal(env.JOURNAL_STREAM)) return "journal";
  return process.stdout.isTTY ? "pretty" : "json";
}

/**
 * systemd sets JOURNAL_STREAM to the device:inode of the journal stream it connected; a
 * process is on the journal only if its own stdout is that stream (systemd.exec(5)
 * "$JOURNAL_STREAM"), not merely because a parent was.
 */
function stdoutIsJournal(journalStream: string | undefined, fd = 1): boolean {
  if (!journalStream) return false;
  try {
    const st = fstatSync(fd);
    return journalStream === `${st.dev}:${st.ino}`;
  } catch {
    return false;
  }
}

/**
 * Text for stderr (a failed command's error): on the journal every line gets priority err, so
 * `journalctl -p err` shows why the station did not start; elsewhere it is unchanged.
 */
export function stderrText(text: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!stdoutIsJournal(env.JOURNAL_STREAM, 2)) return text;
  return text.replace(/^(?=.)/gm, "<3>");
}

/**
 * journald reads a "<N>" prefix on each stdout line as its priority (systemd.exec(5)
 * SyslogLevelPrefix=, on by default) and strips it, so `journalctl -p err` shows errors and
 * `journalctl -o cat` still gives pure JSON. Pino writes "level" first, so no parse is needed.
 */
const SYSLOG_PRIORITY: Readonly<Record<string, number>> = { 60: 2, 50: 3, 40: 4, 30: 6, 20: 7, 10: 7 };

function journalLine(line: string): string {
  const level = /^\{"level":(\d+)/.exec(line)?.[1] ?? "30";
  return `<${SYSLOG_PRIORITY[level] ?? 6}>${line}`;
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO ",
  40: "WARN ",
  50: "ERROR",
  60: "FATAL",
};
const SHOWN_ELSEWHERE = new Set(["level", "time", "msg", "component", "code", "service", "pid", "hostname"]);

/** "14:05:09 WARN  drivers/scale [CODE] message  device=s1 port=/dev/ttyUSB0" for a person. */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 19) : "";
  const level = LEVEL_NAMES[Number(entry.level)] ?? String(entry.level);
  const parts = [time, level];
  if (entry.component !== undefined) parts.push(String(entry.component));
  if (entry.code !== undefined) parts.push(`[${String(entry.code)}]`);
  parts.push(String(entry.msg ?? ""));
  const rest = Object.entries(entry)
    .filter(([k]) => !SHOWN_ELSEWHERE.has(k))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const err = entry.err as { stack?: unknown } | undefined;
  const stack = typeof err?.stack === "string" ? `\n${err.stack}` : "";
  return `${parts.join(" ")}${rest.length > 0 ? `  ${rest.filter((r) => !r.startsWith("err=")).join(" ")}` : ""}${stack}\n`;
}

/**
 * Pino appends a child's bindings to its parent's, so `drivers` → child({component: "scale"})
 * wrote `"component":"drivers",...,"component":"scale"`: two keys, and jq sees only the last.
 * A child that rebinds a key is made from the root with the bindings merged instead; a nested
 * component becomes one path, "drivers/scale", so `startswith("drivers")` finds all of them.
 */
function uniqueKeys(root: Logger): Logger {
  // Pino's own method, taken before any patching: children inherit from their parent, so a
  // patched parent's `child` would otherwise be found through the prototype chain.
  type ChildFn = (this: Logger, bindings: Bindings, options?: ChildLoggerOptions) => Logger;
  const pinoChild = root.child as unknown as ChildFn;
  const guard = (logger: Logger, bound: Record<string, unknown>): Logger => {
    const child = (bindings: Bindings, options?: ChildLoggerOptions): Logger => {
      const clash = Object.keys(bindings).some((key) => Object.hasOwn(bound, key));
      const merged: Record<string, unknown> = { ...bound, ...bindings };
      if (typeof bound.component === "string" && typeof bindings.component === "string") {
        merged.component = `${bound.component}/${bindings.component}`;
      }
      const made = clash
        ? pinoChild.call(root, merged, { level: logger.level, ...options })
        : pinoChild.call(logger, bindings, options);
      return guard(made, merged);
    };
    // Pino's child is generic over custom levels, which the station does not use.
    logger.child = child as unknown as Logger["child"];
    return logger;
  };
  return guard(root, {});
}
