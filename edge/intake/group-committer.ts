import type { Clock, TimerHandle } from "../core/clock.js";
import type { StationService } from "../core/station-service.js";
import type { StoreWriter } from "./store-writer.js";
import type { WriteItem, WriteResults } from "./write-item.js";

export type Committed = (err: Error | null, result: number) => void;

export type CommitObserver = (messages: number, seconds: number) => void;

/** How long an item may wait for its commit: a weight a worker is watching, or a sensor reading. */
export type Urgency = "now" | "window";

export interface GroupCommitSettings {
  /** Most items in one transaction. */
  maxItems: number;
  /** Longest wait of an item someone is waiting on (weights, scans, inputs, tests). */
  maxDelayMs: number;
  /** Longest wait of a reading: one commit then serves every reading of the window. */
  readingWindowMs?: number;
  /** This many waiting items commit without waiting for the window (a busy station). */
  readingBatch?: number;
}

/**
 * Group commit by what waits on it. Each fsync on an SD card costs 5–50 ms and rewrites every
 * page the transaction touched, so the number of commits, not of messages, is what wears the
 * card. Readings may wait up to `readingWindowMs` (a sensor sends again in a second anyway),
 * so at a farm's load one commit a second serves hundreds of them; an item someone is waiting
 * on (a worker at a scale, a label) commits within `maxDelayMs` and takes every waiting
 * reading along. Under saturation a group goes as soon as `readingBatch` items wait, and after
 * a full group whatever waits goes at once, so the writer never idles and the group size
 * follows the load. Nothing is
 * acknowledged before its group is committed: the PUBACK follows the commit (DESIGN.md).
 */
export class GroupCommitter implements StationService {
  readonly name = "committer";
  private queue: WriteItem[] = [];
  private callbacks: Committed[] = [];
  /** Per queued item: the time by which it must be handed to the writer. */
  private dueAt: number[] = [];
  private nextDue = Number.POSITIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private timer: TimerHandle | undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private closed = false;
  private readonly windowMs: number;
  private readonly batch: number;

  /** `onCommitted` is told the size and duration of each committed group (metrics). */
  constructor(
    private readonly writer: StoreWriter,
    private readonly settings: GroupCommitSettings,
    private readonly clock: Clock,
    private readonly onCommitted?: CommitObserver,
  ) {
    this.windowMs = Math.max(settings.readingWindowMs ?? settings.maxDelayMs, settings.maxDelayMs);
    this.batch = Math.min(settings.readingBatch ?? settings.maxItems, settings.maxItems);
  }

  get pending(): number {
    return this.queue.length;
  }

  submit(item: WriteItem, done: Committed, urgency: Urgency = "now"): void {
    if (this.closed) {
      done(new Error("intake is closed"), 0);
      return;
    }
    const due = this.clock.now() + (urgency === "now" ? this.settings.maxDelayMs : this.windowMs);
    this.queue.push(item);
    this.callbacks.push(done);
    this.dueAt.push(due);
    if (due < this.nextDue) this.nextDue = due;
    this.schedule();
  }

  /** Items are taken from construction on; nothing to start. */
  async start(): Promise<void> {}

  /** `close`: the PUBACKs of what is pending go out before the broker drops its clients. */
  stop(): Promise<void> {
    return this.close();
  }

  /** Write everything pending and refuse new items: for SIGTERM. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.inFlight || this.queue.length > 0) {
      if (!this.inFlight) this.flush();
      await this.inFlight;
    }
  }

  /** Flush now, or arm the timer for the earliest due item. A group in flight reschedules when done. */
  private schedule(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const now = this.clock.now();
    if (this.queue.length >= this.batch || this.nextDue <= now) {
      this.flush();
      return;
    }
    if (this.timer && this.timerDue <= this.nextDue) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    // Clamped: a wall clock set back while items wait must not hold them for the jump.
    const delay = Math.min(Math.max(0, this.nextDue - now), this.windowMs);
    this.timerDue = this.nextDue;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
      this.flush();
    }, delay);
  }

  private flush(): void {
    if (this.timer) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
    }
    if (this.inFlight || this.queue.length === 0) return;
    const take = Math.min(this.queue.length, this.settings.maxItems);
    const items = this.queue.splice(0, take);
    const callbacks = this.callbacks.splice(0, take);
    this.dueAt.splice(0, take);
    this.nextDue = Number.POSITIVE_INFINITY;
    for (const due of this.dueAt) if (due < this.nextDue) this.nextDue = due;
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
    // A full group means the station is saturated: what arrived during the write goes now, so
    // the writer never idles while the queue refills. Otherwise it goes when due or full.
    if (callbacks.length >= this.batch && this.queue.length > 0) this.flush();
    else this.schedule();
  }
}
