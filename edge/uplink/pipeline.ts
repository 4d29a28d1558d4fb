import type { DeliveryState } from "./delivery-state.js";
import { FEEDS, type FeedName, type PendingRecord } from "./pending-record.js";

const READ_BATCH = 1000;
const RETRY_CHECK_MS = 2000;

interface Slot {
  id: number;
  done: boolean;
}

/**
 * Hands a sink the next records in order and moves the cursors as deliveries complete. Feeds
 * are read in rowid order and taken in turns, so one feed's backlog cannot starve the other;
 * acknowledgements may come back in any order, and a feed's cursor only moves over a
 * contiguous run of completed records, so a restart resends everything not known delivered.
 */
export class SinkPipeline {
  private readonly readPos: Record<FeedName, number> = { messages: 0, outbox: 0 };
  private readonly buffers: Record<FeedName, PendingRecord[]> = { messages: [], outbox: [] };
  private readonly bufferHead: Record<FeedName, number> = { messages: 0, outbox: 0 };
  private readonly inflight: Record<FeedName, Slot[]> = { messages: [], outbox: [] };
  private readonly inflightHead: Record<FeedName, number> = { messages: 0, outbox: 0 };
  private readonly retrying = new Set<number>();
  private turn = 0;
  private lastRetryCheck = Number.NEGATIVE_INFINITY;

  constructor(
    readonly state: DeliveryState,
    private readonly now: () => number,
  ) {
    this.rewind();
  }

  /** Forget what is buffered and in flight; the next take starts again after the cursors. */
  rewind(): void {
    for (const feed of FEEDS) {
      this.readPos[feed] = this.state.cursor(feed);
      this.buffers[feed] = [];
      this.bufferHead[feed] = 0;
      this.inflight[feed] = [];
      this.inflightHead[feed] = 0;
    }
    this.retrying.clear();
    this.lastRetryCheck = Number.NEGATIVE_INFINITY;
  }

  /** Up to `max` records to send now, in order within each feed; [] when nothing is waiting. */
  take(max: number): PendingRecord[] {
    const out: PendingRecord[] = [];
    const now = this.now();
    if (now - this.lastRetryCheck >= RETRY_CHECK_MS) {
      this.lastRetryCheck = now;
      for (const r of this.state.readRetries(max)) {
        if (r.failureId === null || this.retrying.has(r.failureId)) continue;
        this.retrying.add(r.failureId);
        out.push(r);
      }
    }
    let emptyFeeds = 0;
    while (out.length < max && emptyFeeds < FEEDS.length) {
      const feed = FEEDS[this.turn % FEEDS.length] as FeedName;
      this.turn++;
      const got = this.takeFrom(feed, max - out.length, out);
      emptyFeeds = got === 0 ? emptyFeeds + 1 : 0;
    }
    return out;
  }

  /** The receiver has the record. */
  delivered(record: PendingRecord): void {
    if (record.failureId !== null) {
      this.state.retried(record);
      this.retrying.delete(record.failureId);
      return;
    }
    this.complete(record);
  }

  /** The receiver refused the record for good: keep it with its reason and go on. */
  refused(record: PendingRecord, reason: string): void {
    this.state.fail(record, reason, this.now());
    if (record.failureId !== null) {
      this.retrying.delete(record.failureId);
      return;
    }
    this.complete(record);
  }

  get inflightCount(): number {
    let n = this.retrying.size;
    for (const feed of FEEDS) n += this.inflight[feed].length - this.inflightHead[feed];
    return n;
  }

  private takeFrom(feed: FeedName, max: number, out: PendingRecord[]): number {
    let buffer = this.buffers[feed];
    if (this.bufferHead[feed] >= buffer.length) {
      buffer = this.state.read(feed, this.readPos[feed], READ_BATCH);
      this.buffers[feed] = buffer;
      this.bufferHead[feed] = 0;
      const last = buffer[buffer.length - 1];
      if (last) this.readPos[feed] = last.sourceId;
    }
    const start = this.bufferHead[feed];
    const end = Math.min(buffer.length, start + Math.min(max, 64));
    const slots = this.inflight[feed];
    let taken = 0;
    for (let i = start; i < end; i++) {
      const record = buffer[i] as PendingRecord;
      // Nothing to send in this sink's format: delivered as it is taken (order still holds).
      const skip = record.body === "";
      slots.push({ id: record.sourceId, done: skip });
      if (!skip) {
        out.push(record);
        taken++;
      }
    }
    this.bufferHead[feed] = end;
    if (taken < end - start) this.settle(feed);
    return end - start;
  }

  private complete(record: PendingRecord): void {
    const feed = record.feed;
    const slots = this.inflight[feed];
    // Records complete roughly in send order, so the search from the head is short.
    for (let i = this.inflightHead[feed]; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      if (slot.id === record.sourceId) {
        slot.done = true;
        break;
      }
    }
    this.settle(feed);
  }

  /** Move the feed's cursor over the completed run at the head of its in-flight slots. */
  private settle(feed: FeedName): void {
    let slots = this.inflight[feed];
    let head = this.inflightHead[feed];
    let advancedTo = 0;
    while (head < slots.length && (slots[head] as Slot).done) {
      advancedTo = (slots[head] as Slot).id;
      head++;
    }
    if (advancedTo > 0) this.state.advance(feed, advancedTo);
    if (head > 4096 && head * 2 > slots.length) {
      slots = slots.slice(head);
      this.inflight[feed] = slots;
      head = 0;
    }
    this.inflightHead[feed] = head;
  }
}
