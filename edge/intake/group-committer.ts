import type { Clock, TimerHandle } from "../core/clock.js";
import type { StationService } from "../core/station-service.js";
import type { StoreWriter } from "./store-writer.js";
import type { WriteItem, WriteResults } from "./write-item.js";

export type Committed = (err: Error | null, result: number) => void;

export type CommitObserver = (messages: number, seconds: number) => void;

/**
 * What is submitted: an item, or a function that makes it when its group is formed. A reading
 * that waits for the window is decoded then, in one pass with the rest of its group, instead of
 * alone when it arrives: one call at a time on a waking core took 49 µs to decode a reading
 * that a warm loop decodes in 3 µs (this machine, 2026-12-02).
 */
export type Submitted = WriteItem | (() => WriteItem);

/**
 * How long an item may wait for its commit: a weight a worker is watching ("now"), a sensor
 * reading ("window"), or a reading that may be a device's backlog sent one PUBACK at a time
 * ("soon": a tenth of the window, sharing the commit of whatever else goes by then).
 */
export type Urgency = "now" | "soon" | "window";

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

/** An item waiting for its group, with whom to tell and by when it must be handed over. */
interface Waiting {
  item: Submitted;
  done: Committed;
  due: number;
}

/**
 * Group commit by what waits on it. Each fsync on an SD card costs 5–50 ms and rewrites every
 * page the transaction touched, so the number of commits, not of messages, is what wears the
 * card. Readings may wait up to `readingWindowMs` (a sensor sends again in a second anyway),
 * so at a farm's load one commit a second serves hundreds of them; an item someone is waiting
 * on (a worker at a scale, a label) commits within `maxDelayMs` in a group of its own: the
 * waiting readings keep their window, so a weight's commit stays a few pages and its PUBACK
 * quick, and the readings' commit still serves a whole window (one page of a device's index
 * per window, not per weight). Under saturation a group goes as soon as `readingBatch` items
 * wait, and after a full group whatever waits goes at once, so the writer never idles and the
 * group size follows the load. Nothing is acknowledged before its group is committed: the
 * PUBACK follows the commit (DESIGN.md).
 */
export class GroupCommitter implements StationService {
  readonly name = "committer";
  /** Items someone is waiting on, readings due soon, and readings, each in arrival order. */
  private urgent: Waiting[] = [];
  private soon: Waiting[] = [];
  private readings: Waiting[] = [];
  private inFlight: Promise<void> | undefined;
  private timer: TimerHandle | undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private closed = false;
  private readonly windowMs: number;
  private readonly soonMs: number;
  private readonly batch: number;

  /** `onCommitted` is told the size and duration of each committed group (metrics). */
  constructor(
    private readonly writer: StoreWriter,
    private readonly settings: GroupCommitSettings,
    private readonly clock: Clock,
    private readonly onCommitted?: CommitObserver,
  ) {
    this.windowMs = Math.max(settings.readingWindowMs ?? settings.maxDelayMs, settings.maxDelayMs);
    this.soonMs = Math.max(Math.round(this.windowMs / 10), settings.maxDelayMs);
    this.batch = Math.min(settings.readingBatch ?? settings.maxItems, settings.maxItems);
  }

  get pending(): number {
    return this.urgent.length + this.soon.length + this.readings.length;
  }

  submit(item: Submitted, done: Committed, urgency: Urgency = "now"): void {
    if (this.closed) {
      done(new Error("intake is closed"), 0);
      return;
    }
    const now = this.clock.now();
    if (urgency === "now") this.urgent.push({ item, done, due: now + this.settings.maxDelayMs });
    else if (urgency === "soon") this.soon.push({ item, done, due: now + this.soonMs });
    else this.readings.push({ item, done, due: now + this.windowMs });
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
    while (this.inFlight || this.pending > 0) {
      if (!this.inFlight) this.flush(true);
      await this.inFlight;
    }
  }

  /**
   * Flush now, or arm the timer for the earliest due item. A group in flight reschedules when
   * done. The queues are in arrival order, so each one's first item is its earliest due (a
   * wall clock set back only makes a later item due earlier, and the timer is clamped).
   */
  private schedule(): void {
    if (this.inFlight || this.pending === 0) return;
    const now = this.clock.now();
    const readingsDue = this.readings[0]?.due ?? Number.POSITIVE_INFINITY;
    const urgentDue = Math.min(
      this.urgent[0]?.due ?? Number.POSITIVE_INFINITY,
      this.soon[0]?.due ?? Number.POSITIVE_INFINITY,
    );
    if (this.pending >= this.batch || readingsDue <= now) {
      this.flush(true);
      return;
    }
    if (urgentDue <= now) {
      this.flush(false);
      return;
    }
    const nextDue = Math.min(readingsDue, urgentDue);
    if (this.timer && this.timerDue <= nextDue) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    // Clamped: a wall clock set back while items wait must not hold them for the jump.
    const delay = Math.min(Math.max(0, nextDue - now), this.windowMs);
    this.timerDue = nextDue;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
      // Due (or clamped: a clock set back leaves nothing due by its own reading, so go anyway).
      // The urgent and soon items go on their own; readings due too follow right after them.
      this.flush(this.urgent.length === 0 && this.soon.length === 0);
    }, delay);
  }

  /**
   * Hand a group to the writer: the urgent items, the soon ones (a commit is going anyway), and
   * the readings too when `withReadings`.
   */
  private flush(withReadings: boolean): void {
    if (this.timer) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
    }
    if (this.inFlight || this.pending === 0) return;
    const group = this.urgent.splice(0, this.settings.maxItems);
    for (const w of this.soon.splice(0, this.settings.maxItems - group.length)) group.push(w);
    if (withReadings || group.length === 0)
      for (const w of this.readings.splice(0, this.settings.maxItems - group.length)) group.push(w);
    const items = group.map((w) => (typeof w.item === "function" ? w.item() : w.item));
    const started = performance.now();
    this.inFlight = this.writer.write(items).then(
      (results: WriteResults) => {
        this.onCommitted?.(items.length, (performance.now() - started) / 1000);
        this.settle(group, null, results);
      },
      (err: Error) => this.settle(group, err, []),
    );
  }

  private settle(group: Waiting[], err: Error | null, results: WriteResults): void {
    this.inFlight = undefined;
    for (let i = 0; i < group.length; i++) (group[i] as Waiting).done(err, results[i] ?? 0);
    // A full group means the station is saturated: what arrived during the write goes now, so
    // the writer never idles while the queue refills. Otherwise it goes when due or full.
    if (group.length >= this.batch && this.pending > 0) this.flush(true);
    else this.schedule();
  }
}
