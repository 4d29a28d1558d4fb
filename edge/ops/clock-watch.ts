import "./ops-codes.js";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { StationService } from "../core/station-service.js";
import type { OpsAlarms } from "./alarms.js";
import { judgeClock } from "./clock-sanity.js";
import { writeClockStamp } from "./clock-stamp.js";

const STAMP_EVERY_MS = 10 * 60_000;

/**
 * Watches the wall clock while the station runs: raises OPS_CLOCK_UNSET / OPS_CLOCK_BEHIND while
 * it is wrong (readings then carry a wrong receive time; doctor lists them), clears the alarm
 * when NTP has set it, and advances the stamp file only while the clock is sane.
 */
export class ClockWatch implements StationService {
  readonly name = "clock-watch";
  private timer: TimerHandle | undefined;
  private running = false;
  private highWater: number | null;
  private stampedAt = 0;

  constructor(
    private readonly dataDir: string,
    private readonly intervalMs: number,
    initialHighWater: number | null,
    private readonly deps: { alarms: OpsAlarms; clock: Clock; log: Logger },
  ) {
    this.highWater = initialHighWater;
  }

  async start(): Promise<void> {
    this.running = true;
    this.check();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.check(true);
  }

  /** `forceStamp`: write the stamp now (shutdown) rather than at most every STAMP_EVERY_MS. */
  check(forceStamp = false): void {
    const now = this.deps.clock.now();
    const verdict = judgeClock({ now, highWater: this.highWater });
    const { alarms, log } = this.deps;
    if (!verdict.ok) {
      if (!alarms.isActive(verdict.code)) log.error({ code: verdict.code }, verdict.message);
      alarms.raise(verdict.code, verdict.message, now);
      return;
    }
    for (const code of ["OPS_CLOCK_UNSET", "OPS_CLOCK_BEHIND"] as const) {
      if (alarms.isActive(code)) {
        alarms.clear(code);
        log.info({ code }, "system clock is sane again");
      }
    }
    this.highWater = Math.max(this.highWater ?? 0, now);
    // The SD card wears with every write: a stamp every 10 minutes and at shutdown is enough
    // (the last intake time covers the minutes in between).
    if (!forceStamp && this.stampedAt !== 0 && now - this.stampedAt < STAMP_EVERY_MS) return;
    try {
      writeClockStamp(this.dataDir, now);
      this.stampedAt = now;
    } catch (err) {
      log.debug({ err: (err as Error).message }, "clock stamp not written");
    }
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.check();
      this.schedule();
    }, this.intervalMs);
    this.timer.unref?.();
  }
}
