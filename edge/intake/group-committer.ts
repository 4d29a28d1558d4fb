import type { Clock, TimerHandle } from "../core/clock.js";
import type { StoreWriter } from "./store-writer.js";
import type { WriteItem, WriteResults } from "./write-item.js";

export type Committed = (err: Error | null, result: number) => void;

export interface GroupCommitSettings {
  maxItems: number;
  maxDelayMs: number;
}

/**
 * Group commit: items wait until `maxItems` are pending or `maxDelayMs` has passed, then go to
 * the writer as one transaction. While a group is being written the next one fills up, so the
 * group size follows the load and one fsync serves many acknowledgements.
 */
export class GroupCommitter {
  private queue: WriteItem[] = [];
  private callbacks: Committed[] = [];
  private inFlight: Promise<void> | undefined;
  private timer: TimerHandle | undefined;
  private closed = false;
  /** Told the size and duration of each committed group (metrics); set by the composition root. */
  onCommitted: ((messages: number, seconds: number) => void) | undefined;

  constructor(
    private readonly writer: StoreWriter,
    private readonly settings: GroupCommitSettings,
    private readonly clock: Clock,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  submit(item: WriteItem, done: Committed): void {
    if (this.closed) {
      done(new Error("intake is closed"), 0);
      return;
    }
    this.queue.push(item);
    this.callbacks.push(done);
    if (this.inFlight) return;
    if (this.queue.length >= this.settings.maxItems || this.settings.maxDelayMs === 0) this.flush();
    else if (!this.timer) this.timer = this.clock.setTimeout(() => this.flush(), this.settings.maxDelayMs);
  }

  /** Write everything pending and refuse new items: for SIGTERM. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.inFlight || this.queue.length > 0) {
      if (!this.inFlight) this.flush();
      await this.inFlight;
    }
  }

  private flush(): void {
    if (this.timer) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.inFlight || this.queue.length === 0) return;
    const take = Math.min(this.queue.length, this.settings.maxItems);
    const items = this.queue.splice(0, take);
    const callbacks = this.callbacks.splice(0, take);
    const started = performance.now();
    this.inFlight = this.writer.write(items).then(
      (results: WriteResults) => {
        this.onCommitted?.(items.length, (performance.now() - started) / 1000);
        this.settle(callbacks, null, results);
      },
      (err: Error) => this.settle(callbacks, err, []),
    );
  }

  private settle(callbacks: Committed[], err: Error | null, results: WriteResults): void {
    this.inFlight = undefined;
    for (let i = 0; i < callbacks.length; i++) (callbacks[i] as Committed)(err, results[i] ?? 0);
    // What arrived during the write has already waited: send it now.
    if (this.queue.length > 0) this.flush();
  }
}
