import type { Clock, TimerHandle } from "../../edge/core/clock.js";

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock the test moves by hand; timers fire in time order during `advance`. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, Timer>();

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const seq = ++this.seq;
    this.timers.set(seq, { at: this.t + Math.max(0, ms), seq, fn });
    return { seq } as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete((handle as { seq: number }).seq);
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
