import type { Clock, TimerHandle } from "../../edge/core/clock.js";

/** A clock that only moves when the test fires its timers. */
export class ManualClock implements Clock {
  constructor(private nowMs = 1_000_000) {}
  readonly timers: Array<{ fn: () => void; ms: number; handle: TimerHandle; cleared: boolean }> = [];
  now = () => this.nowMs;
  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const handle = {};
    this.timers.push({ fn, ms, handle, cleared: false });
    return handle;
  };
  clearTimeout = (handle: TimerHandle): void => {
    for (const t of this.timers) if (t.handle === handle) t.cleared = true;
  };
  pending(minMs: number) {
    return this.timers.filter((t) => !t.cleared && t.ms >= minMs);
  }
  fire(timer: { fn: () => void; ms: number; cleared: boolean }): void {
    timer.cleared = true;
    this.nowMs += timer.ms;
    timer.fn();
  }
}
