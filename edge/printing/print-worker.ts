import "./printing-codes.js";
import "../../labels/label-codes.js";
import type { Label } from "../../labels/layout.js";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { isStationError } from "../core/station-error.js";
import type { PrintJob, PrintJobStore } from "./print-job-store.js";
import type { PrinterBackend } from "./printer-backend.js";

/**
 * Sends one printer's queued jobs in order, one at a time. A held job (paper out, printer
 * unreachable: nothing sent) stays queued with its reason and is retried after `retryMs`; a job
 * whose end is unknown goes to `needs_confirmation` and is never resent without an operator.
 * Polls the table too, so jobs queued by the CLI in another process are picked up.
 */
export class PrinterWorker {
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private started = false;
  /** A job committed as `sending` when it was made (`takeClaimed`), sent before the queue. */
  private claimed: PrintJob | undefined;

  constructor(
    readonly backend: PrinterBackend,
    private readonly store: PrintJobStore,
    private readonly build: (job: PrintJob) => Label,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly pollMs: number,
    private readonly changed: (job: PrintJob) => void,
    /** What else holds once a job's label is out, committed with its `done` (print-service). */
    private readonly settle: (job: PrintJob) => void = () => {},
  ) {}

  start(): void {
    this.stopped = false;
    this.started = true;
    this.schedule(0);
  }

  /** A job was queued here: look now instead of at the next poll. */
  kick(): void {
    if (!this.running && !this.stopped) this.schedule(0);
  }

  /**
   * Nothing being sent, nothing claimed and the worker running: a job made now may be
   * committed as `sending` and handed over with `takeClaimed` (it is the next to go anyway).
   */
  idle(): boolean {
    return this.started && !this.stopped && !this.running && !this.claimed;
  }

  /**
   * Send this job, committed as `sending` by its insert, first. Handed over inside the
   * caller's transaction (the packing line makes a package and its job in one); the send
   * starts from a timer, after that transaction has ended.
   */
  takeClaimed(job: PrintJob): void {
    this.claimed = job;
    this.schedule(0);
  }

  /** The claimed job, if its transaction committed (a rolled-back one has no row left to send). */
  private takenClaim(): PrintJob | undefined {
    const claimed = this.claimed;
    this.claimed = undefined;
    if (!claimed) return undefined;
    const row = this.store.get(claimed.id);
    return row?.state === "sending" && row.createdAt === claimed.createdAt ? row : undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    await this.running;
    // Claimed at its insert but stopped before a byte left: it waits in the queue, not for an operator.
    const claimed = this.claimed;
    this.claimed = undefined;
    if (claimed) this.store.release(claimed.id, null, null, this.clock.now());
  }

  private schedule(ms: number): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
    }, ms);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    let next = this.pollMs;
    try {
      for (;;) {
        if (this.stopped) return;
        const claimed = this.takenClaim();
        const job = claimed ?? this.store.nextQueued(this.backend.name);
        if (!job) break;
        if (await this.process(job, claimed !== undefined)) {
          next = this.backend.config.retryMs;
          break;
        }
      }
    } catch (err) {
      this.log.error({ err, printer: this.backend.name }, "print queue error");
      next = this.backend.config.retryMs;
    }
    if (!this.stopped) this.schedule(next);
  }

  /**
   * Returns true when the printer holds jobs back (stop and retry later). `preclaimed`: the
   * job's insert already committed it as `sending`, so no claim commit precedes its bytes.
   */
  private async process(job: PrintJob, preclaimed = false): Promise<boolean> {
    const { id } = job;
    const log = this.log.child({ job: id, printer: this.backend.name, kind: job.kind, ref: job.ref });
    let label: Label;
    try {
      label = this.build(job);
    } catch (err) {
      const code = isStationError(err) ? err.code : "LABEL_TEMPLATE_INVALID";
      this.store.finish(id, "failed", code, (err as Error).message, this.clock.now());
      this.changed(this.store.require(id));
      log.warn({ err }, "label could not be built");
      return false;
    }
    const name = `job-${String(id).padStart(6, "0")}-${job.kind}${job.ref ? `-${job.ref.replace(/[^\w.-]/g, "_")}` : ""}`;
    let claimed = false;
    try {
      const outcome = await this.backend.deliver(name, label, () => {
        if (preclaimed) {
          claimed = true;
          return true;
        }
        claimed = this.store.claim(id, this.clock.now());
        if (claimed) this.changed(this.store.require(id));
        return claimed;
      });
      const now = this.clock.now();
      switch (outcome.kind) {
        case "skipped":
          return false;
        case "held":
          if (preclaimed) this.store.release(id, outcome.code, outcome.detail, now);
          else this.store.hold(id, outcome.code, outcome.detail, now);
          this.changed(this.store.require(id));
          log.warn({ code: outcome.code, detail: outcome.detail }, "print job held");
          return true;
        case "uncertain":
          this.store.finish(id, "needs_confirmation", outcome.code, outcome.detail, now);
          this.changed(this.store.require(id));
          log.warn(
            { code: outcome.code, detail: outcome.detail, bytesSent: outcome.bytesSent },
            "print job needs confirmation",
          );
          return false;
        case "done":
          this.store.finishDone(id, null, outcome.status?.detail ?? null, now, () => this.settle(job));
          this.changed(this.store.require(id));
          log.info("label printed");
          return false;
      }
    } catch (err) {
      // Encoding or preview files failed: deterministic, so retrying would not help. Nothing
      // reached a printer (links report their faults as outcomes, they do not throw).
      const code = isStationError(err) ? err.code : "PRINT_OUTPUT_FAILED";
      this.store.finish(id, "failed", code, (err as Error).message, this.clock.now());
      this.changed(this.store.require(id));
      log.error({ err, claimed }, "print job failed");
      return false;
    }
  }
}
