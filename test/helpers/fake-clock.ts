import type { Clock, TimerHandle } from "../../edge/core/clock.js";

/** A timer armed on the fake clock. */
export interface FakeTimer {
  /** Due time, epoch ms. */
  at: number;
  /** The delay it was armed with. */
  ms: number;
  seq: number;
  fn: () => void;
}

/**
 * The one fake clock of the tests (STYLE.md §4: time is injected). The test moves it by hand:
 * `advance` fires due timers in time order, letting promises settle between them; `pending`
 * and `fire` inspect and fire single timers (a backoff's delay, a retention interval).
 */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, FakeTimer>();

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const seq = ++this.seq;
    this.timers.set(seq, { at: this.t + Math.max(0, ms), ms, seq, fn });
    return { seq } as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete((handle as { seq: number }).seq);
  }

  /** Armed timers whose delay is at least `minMs`, soonest first. */
  pending(minMs = 0): FakeTimer[] {
    return [...this.timers.values()]
      .filter((t) => t.ms >= minMs)
      .sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Fire one armed timer now, moving time to when it was due. */
  fire(timer: FakeTimer): void {
    if (!this.timers.delete(timer.seq)) throw new Error("timer is not armed");
    this.t = Math.max(this.t, timer.at);
    timer.fn();
  }

  /** Move time forward, firing due timers; lets promises and setImmediate settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const next = [...this.timers.values()].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next || next.at > end) break;
      this.timers.delete(next.seq);
      this.t = next.at;
      next.fn();
    }
    this.t = end;
    await settle();
  }
}

/** Let setImmediate callbacks (in-memory transport deliveries) and promise chains run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
