import { EventEmitter } from "node:events";
import { type DeviceHealth, healthFingerprint } from "../../drivers/device-health.js";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { PrintJob, PrintJobStore } from "./print-job-store.js";
import type { PrinterBackend, PrinterReport } from "./printer-backend.js";
import { observationFromJob, observationFromReport, PrinterHealth } from "./printer-health.js";

/**
 * Every printer's health record (edge/printing/printer-health.ts), kept current from what the
 * queue already learns (each job's attempt, each status check the kiosk or CLI asks for) and,
 * where a printer has been idle for `healthCheckMs`, from a status check of its own: a printer
 * unplugged overnight shows offline in /api/devices, /metrics and doctor before the first
 * label of the morning is held. No check is made while the printer has jobs (the queue's own
 * attempts say enough, and many printers take one connection at a time). Emits `health` when
 * a printer's state changes, for the kiosk's live feed.
 */
export class PrinterHealthMonitor extends EventEmitter<{ health: [DeviceHealth] }> {
  private readonly health = new Map<string, PrinterHealth>();
  private readonly fingerprints = new Map<string, string>();
  private readonly timers = new Map<string, TimerHandle>();
  private stopped = true;

  constructor(
    private readonly backends: readonly PrinterBackend[],
    private readonly store: PrintJobStore,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    super();
    for (const b of backends) {
      const health = new PrinterHealth(b.name, b.config.kind, b.link);
      // A preview printer writes files: it is ready whenever the station runs.
      if (b.config.kind === "preview")
        health.observe({ state: "ready", code: null, detail: null, at: clock.now() });
      this.health.set(b.name, health);
    }
  }

  start(): void {
    this.stopped = false;
    for (const b of this.backends) this.schedule(b);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
  }

  /** Each printer's health record, in configuration order. */
  list(): DeviceHealth[] {
    return [...this.health.values()].map((h) => h.record(this.store.counts(h.name)));
  }

  observeJob(job: PrintJob): void {
    const o = observationFromJob(job, this.clock.now());
    if (o) this.update(job.printer, (h) => h.observe(o));
  }

  observeReport(report: PrinterReport): void {
    this.update(report.name, (h) => h.observe(observationFromReport(report, this.clock.now())));
  }

  private update(name: string, change: (h: PrinterHealth) => void): void {
    const health = this.health.get(name);
    if (!health) return;
    change(health);
    const record = health.record(this.store.counts(name));
    const print = healthFingerprint(record);
    if (this.fingerprints.get(name) === print) return;
    this.fingerprints.set(name, print);
    this.emit("health", record);
  }

  private schedule(backend: PrinterBackend): void {
    const every = backend.config.healthCheckMs;
    if (this.stopped || every <= 0 || backend.config.kind === "preview") return;
    const timer = this.clock.setTimeout(() => void this.check(backend, every), every);
    timer.unref?.();
    this.timers.set(backend.name, timer);
  }

  /** Ask the printer for its status if nothing was heard of it for a whole interval and it is idle. */
  private async check(backend: PrinterBackend, every: number): Promise<void> {
    const health = this.health.get(backend.name);
    const jobs = this.store.counts(backend.name);
    const heard = health?.checkedAt ?? null;
    const fresh = heard !== null && this.clock.now() - heard < every;
    if (!fresh && jobs.queued + jobs.sending === 0) {
      let report: PrinterReport | undefined;
      try {
        report = await backend.report();
      } catch (err) {
        this.log.warn({ err, printer: backend.name }, "printer health check failed");
      }
      if (report && !this.stopped) this.observeReport(report);
    }
    this.schedule(backend);
  }
}
