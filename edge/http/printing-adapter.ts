import "../../drivers/printer/printer-codes.js";
import type { CertificateLabelData } from "../../labels/label-data.js";
import type { StationConfig } from "../config/schema.js";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { StationError } from "../core/station-error.js";
import { COMMITMENT_TEXT } from "../domain/certificates/commitment-text.js";
import { originOf } from "../domain/compliance/content-check.js";
import type { Domain } from "../domain/domain.js";
import type { CertBasis } from "../domain/records.js";
import type { PrintJob } from "../printing/print-job-store.js";
import { effectivePrinters, type PrintService } from "../printing/print-service.js";
import type { EventHub } from "./event-hub.js";
import type { JobView, LabelJobs } from "./label-jobs.js";

/** Reasons a held or failed job gives that are about the printer, not the label. */
const PRINTER_FAULTS = new Set([
  "PRINTER_PAPER_OUT",
  "PRINTER_OFFLINE",
  "PRINTER_COVER_OPEN",
  "PRINTER_UNREACHABLE",
  "PRINTER_CONNECTION_LOST",
]);

/** How often an idle printer is asked for its state (paper, link). */
const PRINTER_POLL_MS = 15_000;

export const toJobView = (job: PrintJob): JobView => ({
  id: job.id,
  kind: job.kind,
  ref: job.ref,
  state: job.state,
  reason: job.reason,
  reprint: job.reprint,
  printer: job.printer,
  createdAt: job.createdAt,
});

/** The kiosk's printer chip: ready, paper out, offline, or unknown (the printer does not answer). */
export function printerState(ready: boolean | null, code: string | undefined): string {
  if (ready === true) return "ready";
  if (code === "PRINTER_PAPER_OUT") return "paper_out";
  if (ready === false) return "offline";
  return "unknown";
}

/**
 * `LabelJobs` over the print queue (`station.printing`), plus the live feed of job states and
 * printer status for the kiosk.
 */
export class PrintingAdapter implements LabelJobs {
  private timer: TimerHandle | undefined;
  private stopped = false;
  private polling = false;

  constructor(
    private readonly printing: PrintService,
    private readonly deps: {
      domain: Domain;
      hub: EventHub;
      clock: Clock;
      log: Logger;
      config: Readonly<Pick<StationConfig, "printers" | "demo">>;
    },
  ) {
    // A page that connects wants the printer state now, not at the next round.
    deps.hub.on("watcher", () => this.pollSoon());
    printing.on("job", (job) => {
      deps.hub.publish("job", toJobView(job));
      this.printerFromJob(job);
    });
  }

  async printPackage(serial: string, reprint: boolean): Promise<JobView> {
    return toJobView(this.printing.enqueuePackage(serial, { reprint, by: "kiosk" }));
  }

  async printCertificate(number: string, reprint: boolean): Promise<JobView> {
    return toJobView(this.printing.enqueueCertificate(number, { reprint, by: "kiosk" }));
  }

  jobsForPackages(serials: readonly string[]): Map<string, JobView> {
    const out = new Map<string, JobView>();
    for (const serial of serials) {
      const [latest] = this.printing.jobs({ ref: serial, limit: 1 });
      if (latest?.kind === "package") out.set(serial, toJobView(latest));
    }
    return out;
  }

  list(limit: number): JobView[] {
    return this.printing.jobs({ limit }).map(toJobView);
  }

  async retry(id: number): Promise<JobView> {
    return toJobView(this.printing.retry(id, "kiosk"));
  }

  async confirm(id: number, outcome: "printed" | "resend"): Promise<JobView> {
    return toJobView(this.printing.confirm(id, outcome, "kiosk"));
  }

  async printers(): Promise<unknown[]> {
    return this.printing.printers();
  }

  async certificatePreview(lot: string, basis: readonly string[]): Promise<Buffer> {
    const printer = effectivePrinters(this.deps.config).find((p) => p.use.includes("certificate"));
    if (!printer)
      throw new StationError("PRINTER_UNKNOWN", "没有打印合格证的打印机 / no certificate printer");
    const { label } = this.printing.book.certificateLabel(
      printer.certificateTemplate,
      this.previewData(lot, basis),
      false,
    );
    return this.printing.png(label, printer.name);
  }

  /** What the certificate would say if issued now; the number is a placeholder, nothing is drawn. */
  private previewData(lot: string, basis: readonly string[]): CertificateLabelData {
    const { domain } = this.deps;
    const batch = domain.batches.require(lot);
    const product = domain.master.requireProduct(batch.productId);
    const subject = domain.master.requireSubject();
    const totals = domain.packages.totals(lot);
    return {
      number: "预览 PREVIEW",
      style: subject.kind,
      lot,
      productName: product.name,
      quantity: { value: totals.netKg, unit: "kg" },
      // A buyer's certificate takes its 产地 from the incoming lots, as the issued one will.
      origin: originOf(subject, subject.kind, domain.incoming.forBatch(lot)) ?? "",
      issuer: subject.name,
      contact: subject.contact ?? "",
      issuedAt: this.deps.clock.now(),
      basis: basis as CertBasis[],
      commitment: COMMITMENT_TEXT[subject.kind].zh,
      ...(product.gtin ? { gtin: product.gtin } : {}),
      ...(batch.nationalCode ? { nationalCode: batch.nationalCode } : {}),
    };
  }

  /** Ask every printer for its state now and then; each answer goes to the kiosk as a `printer` event. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
  }

  /**
   * A job tells the printer's state without asking it: held for paper or link, or just printed.
   * Many network printers take one TCP connection at a time, so the kiosk learns from the
   * queue's own attempts rather than opening a second connection beside a print.
   */
  private printerFromJob(job: PrintJob): void {
    const publish = (state: string, code: string | null, reason: string | null) =>
      this.deps.hub.publish("printer", { name: job.printer, state, code, reason }, job.printer);
    if (job.state === "done") publish("ready", null, null);
    else if (job.state === "sending") publish("busy", null, null);
    else if (job.reasonCode && PRINTER_FAULTS.has(job.reasonCode)) {
      publish(job.reasonCode === "PRINTER_PAPER_OUT" ? "paper_out" : "offline", job.reasonCode, job.reason);
    }
  }

  /** True while the queue is using a printer: no status connection is opened then. */
  private busy(): boolean {
    return (
      this.printing.jobs({ state: "sending", limit: 1 }).length > 0 ||
      this.printing.jobs({ state: "queued", limit: 1 }).length > 0
    );
  }

  private pollSoon(): void {
    if (this.stopped || this.polling) return;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => void this.poll(), 0);
    this.timer.unref?.();
  }

  /**
   * Asks only while a kiosk page is watching and the queue is idle: a status connection is a
   * connection the printer must accept, and nobody needs the answer otherwise.
   */
  private async poll(): Promise<void> {
    if (this.deps.hub.watchers() === 0 || this.busy()) {
      this.schedule();
      return;
    }
    this.polling = true;
    try {
      for (const report of await this.printing.printers()) {
        this.deps.hub.publish(
          "printer",
          {
            name: report.name,
            state: printerState(report.ready, report.code),
            code: report.code ?? null,
            reason: report.detail,
            link: report.link,
          },
          report.name,
        );
      }
    } catch (err) {
      this.deps.log.warn({ err }, "printer status poll failed");
    } finally {
      this.polling = false;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => void this.poll(), PRINTER_POLL_MS);
    this.timer.unref?.();
  }
}
