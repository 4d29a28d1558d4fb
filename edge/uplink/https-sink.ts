import { createHash } from "node:crypto";
import { Agent } from "node:https";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { Backoff } from "./backoff.js";
import type { BackoffConfig, HttpsSinkConfig } from "./config-schema.js";
import type { DeliveryState } from "./delivery-state.js";
import { type PostOutcome, post } from "./http-post.js";
import type { PendingRecord } from "./pending-record.js";
import { SinkPipeline } from "./pipeline.js";
import { readPem } from "./read-pem.js";
import { IDLE_POLL_MS, type Sink } from "./sink.js";

/**
 * HTTPS POST of batched records: `{"v":1,"station":…,"records":[…]}`. Each record's `id` is its
 * idempotency key; the `Idempotency-Key` header hashes the batch's ids, and a batch being
 * retried is resent byte for byte, so both stay the same across retries. A refused batch
 * (4xx) is split and its records sent one by one, so only the records the receiver refuses
 * are kept as failures (with the status and the receiver's text) and the rest go on.
 */
export class HttpsSink implements Sink {
  readonly type = "https";
  private readonly pipeline: SinkPipeline;
  private readonly backoff: Backoff;
  private readonly url: URL;
  private readonly headers: Record<string, string>;
  private readonly agent: Agent;
  private running = false;
  private reachable = false;
  private loop: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private sleeper: { timer: TimerHandle; resolve: () => void; idle: boolean } | null = null;

  constructor(
    private readonly config: HttpsSinkConfig,
    readonly state: DeliveryState,
    backoff: BackoffConfig,
    private readonly clock: Clock,
    private readonly log: Logger,
    random: () => number = Math.random,
  ) {
    this.pipeline = new SinkPipeline(state, () => clock.now());
    this.backoff = new Backoff(backoff, random);
    this.url = new URL(config.url);
    this.headers = { ...config.headers };
    if (config.token !== undefined) this.headers.authorization = `Bearer ${config.token}`;
    const ca = readPem(config.ca, config.name, "ca");
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ...(ca ? { ca } : {}) });
  }

  get name(): string {
    return this.config.name;
  }

  get connected(): boolean {
    return this.reachable;
  }

  start(): void {
    this.running = true;
    this.loop = this.run().catch((err: unknown) => {
      this.log.error({ err }, "https sink stopped on an unexpected error");
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.interrupt(false);
    // Abort a request in flight rather than wait out its timeout; it is resent after restart.
    this.abort.abort();
    await this.loop;
    this.agent.destroy();
    this.state.flush(this.clock.now());
  }

  wake(): void {
    this.interrupt(true);
  }

  /** End a sleep early: an idle poll on new records, any sleep (even a backoff) on stop. */
  private interrupt(onlyIdle: boolean): void {
    const sleeper = this.sleeper;
    if (!sleeper || (onlyIdle && !sleeper.idle)) return;
    this.sleeper = null;
    this.clock.clearTimeout(sleeper.timer);
    sleeper.resolve();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const batch = this.pipeline.take(this.config.batchSize);
      if (batch.length === 0) {
        this.state.flush(this.clock.now());
        await this.sleep(IDLE_POLL_MS, true);
        continue;
      }
      await this.deliver(batch);
      this.state.flush(this.clock.now());
    }
  }

  /** Deliver one batch: retry it whole until it is taken or refused; split a refused batch. */
  private async deliver(batch: PendingRecord[]): Promise<void> {
    const outcome = await this.postUntilAnswered(batch);
    if (outcome === null) return;
    if (outcome.kind === "ok") {
      for (const record of batch) this.pipeline.delivered(record);
      return;
    }
    if (batch.length > 1) {
      for (const record of batch) {
        if (!this.running) return;
        await this.deliver([record]);
      }
      return;
    }
    const record = batch[0] as PendingRecord;
    this.log.warn({ record: record.recordId, reason: outcome.reason }, "record refused by upstream");
    this.state.noteError(this.clock.now(), `[UPLINK_HTTP_REJECTED] ${record.recordId}: ${outcome.reason}`);
    this.pipeline.refused(record, outcome.reason);
  }

  /** POST until an answer other than "try again"; null when stopped meanwhile. */
  private async postUntilAnswered(
    batch: PendingRecord[],
  ): Promise<Exclude<PostOutcome, { kind: "retry" }> | null> {
    const body = this.state.format.batch(
      batch.map((r) => r.body),
      this.clock.now(),
    );
    const key = createHash("sha256")
      .update(batch.map((r) => r.recordId).join("\n"))
      .digest("hex");
    const headers = { ...this.headers, "idempotency-key": key };
    while (this.running) {
      const outcome = await post(
        {
          url: this.url,
          headers,
          body,
          timeoutMs: this.config.timeoutMs,
          agent: this.agent,
          signal: this.abort.signal,
        },
        this.clock,
      );
      if (outcome.kind !== "retry") {
        this.reachable = true;
        this.backoff.reset();
        if (outcome.kind === "ok") this.state.noteSuccess(this.clock.now());
        return outcome;
      }
      this.reachable = false;
      if (!this.running) return null; // stopped while the request was out: no backoff to wait
      const delay = this.backoff.next();
      this.state.noteError(this.clock.now(), `[UPLINK_HTTP_RETRYABLE] ${outcome.reason}`);
      this.state.flush(this.clock.now());
      this.log.warn({ reason: outcome.reason, retryInMs: delay }, "upstream POST failed, will retry");
      await this.sleep(delay, false);
    }
    return null;
  }

  private sleep(ms: number, idle: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.sleeper = null;
        resolve();
      }, ms);
      this.sleeper = { timer, resolve, idle };
    });
  }
}
