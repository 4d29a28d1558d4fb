import { type Clock, systemClock } from "../../edge/core/clock.js";

/**
 * Real timers with a movable "now": a whole running station (group commit, health watch) keeps
 * ticking while a test jumps days ahead, e.g. to the end of a withdrawal period.
 */
export class ShiftedClock implements Clock {
  private offset = 0;

  constructor(start?: number) {
    if (start !== undefined) this.offset = start - Date.now();
  }

  now(): number {
    return Date.now() + this.offset;
  }

  /** Jump forward (or back) by ms; timers already armed keep their real delays. */
  shift(ms: number): void {
    this.offset += ms;
  }

  setTimeout = systemClock.setTimeout;
  clearTimeout = systemClock.clearTimeout;
}
