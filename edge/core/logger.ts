import { type Logger, type LoggerOptions, pino } from "pino";

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

export interface LoggerSettings {
  level: string;
  /** Where JSON lines go; stdout by default so journald collects them. */
  destination?: NodeJS.WritableStream;
}

/** The root logger: JSON to stdout. Components take `logger.child({ component })`. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: "trace-station" },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/** A logger that writes nothing, for CLI commands that print their own output and for tests. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
