import { describeCode, type ErrorCode } from "./error-codes.js";

/**
 * An error a technician or device maker can act on: a stable code (listed with its remedy in
 * the error catalogue and the technician guide), a message in Chinese and English, and where
 * it happened.
 */
export class StationError extends Error {
  readonly code: ErrorCode;
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, detail: Record<string, unknown> = {}) {
    super(message);
    this.name = "StationError";
    this.code = code;
    this.detail = detail;
  }

  get remedy(): string {
    return describeCode(this.code).remedy.zh;
  }

  toJSON(): Record<string, unknown> {
    const entry = describeCode(this.code);
    // Detail first: a detail field can never replace the code, message or remedy.
    return {
      ...this.detail,
      code: this.code,
      message: this.message,
      title: entry.title,
      remedy: entry.remedy,
    };
  }
}

export function isStationError(value: unknown): value is StationError {
  return value instanceof StationError;
}
