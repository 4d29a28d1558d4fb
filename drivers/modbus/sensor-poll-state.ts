import "../driver-codes.js";
import type { ErrorCode } from "../../edge/core/error-codes.js";
import type { ModbusSensorConfig } from "../config-schema.js";
import type { SensorModel } from "./model-schema.js";

/** Failed polls in a row before a sensor is reported dead. */
export const DEAD_AFTER = 3;
/** Polls the answer rate is taken over. */
const RATE_WINDOW = 20;

/**
 * One sensor's place in its bus schedule and its health: answers and timeouts, the backoff of a
 * sensor that does not answer, the recent answer rate.
 */
export class SensorPollState {
  nextDueAt: number;
  framesOk = 0;
  checksumErrors = 0;
  timeouts = 0;
  failuresInRow = 0;
  lastFrameAt: number | null = null;
  lastTimeoutAt: number | null = null;
  lastError: string | undefined;
  lastCode: ErrorCode | undefined;
  /** Current interval between polls: the configured one, doubled per failure up to the cap. */
  retryMs: number;
  private readonly outcomes: boolean[] = [];

  constructor(
    readonly config: ModbusSensorConfig,
    readonly model: SensorModel,
    /** The bus's timeout unless the sensor has its own. */
    readonly timeoutMs: number,
    /** Longest wait between polls of a sensor that does not answer. */
    private readonly retryMaxMs: number,
    now: number,
  ) {
    this.nextDueAt = now;
    this.retryMs = config.pollIntervalMs;
  }

  get dead(): boolean {
    return this.failuresInRow >= DEAD_AFTER;
  }

  get failing(): boolean {
    return this.failuresInRow > 0;
  }

  get answerRate(): number | null {
    if (this.outcomes.length === 0) return null;
    return this.outcomes.filter(Boolean).length / this.outcomes.length;
  }

  answered(at: number): void {
    this.record(true);
    this.framesOk++;
    this.lastFrameAt = at;
    this.failuresInRow = 0;
    this.retryMs = this.config.pollIntervalMs;
    this.lastError = undefined;
    this.lastCode = undefined;
  }

  failed(code: ErrorCode | undefined, message: string, at: number): void {
    this.record(false);
    this.failuresInRow++;
    if (code === "DRIVER_MODBUS_TIMEOUT") {
      this.timeouts++;
      this.lastTimeoutAt = at;
    }
    if (code === "DRIVER_CHECKSUM_ERRORS") this.checksumErrors++;
    this.lastCode = code;
    this.lastError = message;
    // Capped exponential backoff: a dead sensor costs a timeout ever more rarely, so the live
    // ones keep their rate, but it is still asked at least every retryMaxMs and comes back alone.
    const interval = this.config.pollIntervalMs;
    const cap = Math.max(interval, this.retryMaxMs);
    this.retryMs = Math.min(cap, interval * 2 ** (this.failuresInRow - 1));
  }

  /** After a poll ended at `now`: keep the schedule (no drift) but never catch up a backlog. */
  reschedule(now: number): void {
    const interval = this.failing ? this.retryMs : this.config.pollIntervalMs;
    const base = this.failing ? now : this.nextDueAt;
    this.nextDueAt = Math.max(base + interval, now);
  }

  private record(ok: boolean): void {
    this.outcomes.push(ok);
    if (this.outcomes.length > RATE_WINDOW) this.outcomes.shift();
  }
}
