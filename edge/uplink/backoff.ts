import type { BackoffConfig } from "./config-schema.js";

/**
 * Exponential backoff with "equal jitter": half the delay fixed, half random. Jitter spreads
 * the reconnects of many stations after a platform outage; the fixed half keeps a station
 * from hammering a dead upstream (full jitter can draw ~0 several times in a row).
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly config: BackoffConfig,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay before the next attempt, in ms; each call counts one more failure. */
  next(): number {
    const ceiling = Math.min(this.config.maxMs, this.config.initialMs * this.config.factor ** this.attempt);
    this.attempt++;
    const half = ceiling / 2;
    return Math.round(half + this.random() * half);
  }

  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}
