import "../../drivers/printer/printer-codes.js";
import "./printing-codes.js";
import "../../labels/label-codes.js";
import { EventEmitter } from "node:events";
import { join } from "node:path";
import { GlyphCache } from "../../labels/glyph-cache.js";
import { LabelBook } from "../../labels/label-book.js";
import type { CertificateLabelData, PackageLabelData } from "../../labels/label-data.js";
import type { Label } from "../../labels/layout.js";
import { BUILTIN_TEMPLATES_DIR, loadTemplates } from "../../labels/template.js";
import type { StationConfig } from "../config/schema.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { StationError } from "../core/station-error.js";
import type { StationService } from "../core/station-service.js";
import type { Database } from "../store/database.js";
import { effectivePrinters } from "./effective-printers.js";
import { type JobKind, type JobState, type PrintJob, PrintJobStore } from "./print-job-store.js";
import { PrinterWorker } from "./print-worker.js";
import { PrinterBackend, type PrinterReport } from "./printer-backend.js";
import { PrinterHealthMonitor } from "./printer-health-monitor.js";
import type { LabelRecords } from "./record-labels.js";
import { labelForJob, type StoredLabel } from "./stored-label.js";

export interface PrintServiceOptions {
  db: Database;
  config: Pick<StationConfig, "printers" | "labels" | "station" | "demo" | "lines">;
  dataDir: string;
  clock: Clock;
  log: Logger;
  /** Records behind package serials and certificate numbers (the domain); optional for data-only use. */
  records?: LabelRecords;
  /** How often to look for jobs queued by another process (the CLI), ms. */
  pollMs?: number;
}

export interface EnqueueOptions {
  /** An explicit reprint (补打): printed with the mark, allowed any number of times. */
  reprint?: boolean;
  /** A printer by name instead of the first one configured for this kind of label. */
  printer?: string;
  /** Who asked (operator name, "kiosk", "cli"), kept on the job. */
  by?: string;
}

/**
 * The print queue (DESIGN.md "Printing"): durable jobs queued → sending → done | failed, or
 * needs_confirmation when a crash, power cut or dropped connection leaves the outcome unknown.
 * `Station.printing`; the kiosk and the CLI enqueue here, one worker per printer sends.
 */
export class PrintService extends EventEmitter<{ job: [PrintJob] }> implements StationService {
  readonly name = "printing";
  readonly store: PrintJobStore;
  readonly book: LabelBook;
  readonly glyphs: GlyphCache;
  private readonly backends = new Map<string, PrinterBackend>();
  private readonly workers = new Map<string, PrinterWorker>();
  private readonly log: Logger;
  /** Each printer as a device: health records for /api/devices, /metrics, doctor and the live feed. */
  readonly printerHealth: PrinterHealthMonitor;
  /**
   * Commit a job as `sending` with its insert when its printer is idle (see `insert`). Off,
   * every job is claimed by its worker in a commit of its own; `npm run bench line` measures
   * both in one run (`claimWithInsert`).
   */
  private claimOnEnqueue = true;

  /** Turn claiming a job with its insert on or off (the line bench compares both in one run). */
  claimWithInsert(on: boolean): void {
    this.claimOnEnqueue = on;
  }

  constructor(private readonly options: PrintServiceOptions) {
    super();
    const { config, db, clock } = options;
    this.log = options.log.child({ component: "printing" });
    this.store = new PrintJobStore(db);
    const dirs = [BUILTIN_TEMPLATES_DIR, ...(config.labels.templatesDir ? [config.labels.templatesDir] : [])];
    this.book = new LabelBook(loadTemplates(dirs), {
      stationName: config.labels.stationName ?? config.station.name,
      logoLine: config.labels.logoLine,
      timeZone: config.station.timezone,
      hiddenFields: config.labels.hiddenFields,
      qr: config.labels.qr,
      commitment: config.labels.commitment,
    });
    this.glyphs = new GlyphCache(config.labels.fontFile);
    const previewDir = join(options.dataDir, "previews");
    for (const printer of effectivePrinters(config)) {
      if (printer.kind !== "preview" && !printer.transport) {
        throw new StationError(
          "PRINT_OUTPUT_FAILED",
          `打印机 ${printer.name} 没有 transport（tcp、device 或 serial）/ printer has no transport`,
          { printer: printer.name },
        );
      }
      if (printer.use.includes("package")) this.book.template(printer.packageTemplate, "package");
      if (printer.use.includes("certificate")) this.book.template(printer.certificateTemplate, "certificate");
      const backend = new PrinterBackend(printer, this.glyphs, clock, previewDir);
      this.backends.set(printer.name, backend);
      this.workers.set(
        printer.name,
        new PrinterWorker(
          backend,
          this.store,
          (job) => this.labelFor(job),
          clock,
          this.log,
          options.pollMs ?? 1000,
          (job) => {
            this.printerHealth.observeJob(job);
            this.emit("job", job);
          },
          (job) => this.settle(job),
        ),
      );
    }
    this.printerHealth = new PrinterHealthMonitor([...this.backends.values()], this.store, clock, this.log);
  }

  async start(): Promise<void> {
    const now = this.options.clock.now();
    const interrupted = this.store.recoverInterrupted(
      "站点在发送中停止（断电或崩溃），请查看标签是否已打出 / station stopped while sending: check the paper",
      now,
    );
    if (interrupted > 0)
      this.log.warn({ code: "PRINT_INTERRUPTED", jobs: interrupted }, "print jobs need confirmation");
    if (!this.glyphs.fontFile) {
      this.log.warn(
        { code: "LABEL_FONT_MISSING" },
        "找不到中文字体，预览和图片打印中的中文将显示为空白；请安装 fonts-noto-cjk 或设置 labels.fontFile / no CJK font: Chinese in previews and raster labels will be blank",
      );
    }
    for (const [name, backend] of this.backends) {
      const msg =
        backend.config.kind === "preview"
          ? `预览打印机：每张标签写成 PNG 和原始字节，位于 ${backend.link} / preview printer: labels go to PNG files there`
          : "printer configured";
      this.log.info({ printer: name, kind: backend.config.kind, link: backend.link }, msg);
      this.workers.get(name)?.start();
    }
    this.printerHealth.start();
  }

  async stop(): Promise<void> {
    this.printerHealth.stop();
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
  }

  printerNames(): string[] {
    return [...this.backends.keys()];
  }

  /** Where a scale's package labels come out: its line's printer (config `lines`), else the first package printer. */
  linePrinterName(scale: string): string {
    return this.route("package", this.linePrinter(scale)).name;
  }

  /** A package's label; without a printer named, on the printer of the line that weighed it. */
  enqueuePackage(serial: string, options: EnqueueOptions = {}): PrintJob {
    const records = this.requireRecords();
    const printer = options.printer ?? this.linePrinter(records.packageScale(serial));
    return this.enqueuePackageData(records.packageLabel(serial), printer ? { ...options, printer } : options);
  }

  /** The printer the config's `lines` names for a scale, if any. */
  private linePrinter(scale: string | null): string | undefined {
    return scale === null ? undefined : this.options.config.lines.find((l) => l.scale === scale)?.printer;
  }

  /** Print from label data directly (records kept elsewhere, demos). */
  enqueuePackageData(data: PackageLabelData, options: EnqueueOptions = {}): PrintJob {
    const backend = this.route("package", options.printer);
    const template = backend.config.packageTemplate;
    this.book.packageLabel(template, data, options.reprint ?? false);
    return this.insert(backend, "package", data.serial, { template, label: data }, options);
  }

  enqueueCertificate(number: string, options: EnqueueOptions = {}): PrintJob {
    return this.enqueueCertificateData(this.requireRecords().certificateLabel(number), options);
  }

  enqueueCertificateData(data: CertificateLabelData, options: EnqueueOptions = {}): PrintJob {
    const backend = this.route("certificate", options.printer);
    const template = backend.config.certificateTemplate;
    this.book.certificateLabel(template, data, options.reprint ?? false);
    return this.insert(backend, "certificate", data.number, { template, label: data }, options);
  }

  enqueueTestPage(printer: string, options: Pick<EnqueueOptions, "by"> = {}): PrintJob {
    const backend = this.route("test", printer);
    const data = { printerName: printer, at: this.options.clock.now() };
    return this.insert(backend, "test", null, { template: "test-page", label: data }, options);
  }

  job(id: number): PrintJob {
    const job = this.store.get(id);
    if (!job) throw new StationError("PRINT_JOB_NOT_FOUND", `没有打印任务 ${id} / no such job`, { id });
    return job;
  }

  jobs(filter: { state?: JobState; ref?: string; limit?: number } = {}): PrintJob[] {
    return this.store.list(filter);
  }

  /**
   * An operator looked at the paper of a job whose outcome was unknown: "printed" closes it,
   * "resend" queues it again (the operator's word is what allows a second copy).
   */
  confirm(id: number, outcome: "printed" | "resend", by: string): PrintJob {
    const job = this.job(id);
    if (job.state !== "needs_confirmation") {
      throw new StationError(
        "PRINT_JOB_STATE",
        `任务 ${id} 状态为 ${job.state}，无需确认 / not awaiting confirmation`,
        {
          id,
          state: job.state,
        },
      );
    }
    const now = this.options.clock.now();
    if (outcome === "printed")
      this.store.finishDone(
        id,
        job.reasonCode,
        `${job.reason ?? ""}（${by} 确认已打印 / confirmed printed）`,
        now,
        () => this.settle(job),
        by,
      );
    else this.store.requeue(id, by, now);
    return this.changed(id);
  }

  /** Give up on a job not yet sent, or one awaiting confirmation. */
  cancel(id: number, by: string, reason = "操作员取消 / cancelled by operator"): PrintJob {
    const job = this.job(id);
    if (job.state !== "queued" && job.state !== "needs_confirmation") {
      throw new StationError("PRINT_JOB_STATE", `任务 ${id} 状态为 ${job.state}，不能取消 / cannot cancel`, {
        id,
        state: job.state,
      });
    }
    this.store.finish(id, "failed", "PRINT_CANCELLED", reason, this.options.clock.now(), by);
    return this.changed(id);
  }

  /** Queue a failed job again (its label was never known to print). */
  retry(id: number, by: string): PrintJob {
    const job = this.job(id);
    if (job.state !== "failed") {
      throw new StationError(
        "PRINT_JOB_STATE",
        `任务 ${id} 状态为 ${job.state}，不能重试 / only failed jobs`,
        {
          id,
          state: job.state,
        },
      );
    }
    this.store.requeue(id, by, this.options.clock.now());
    return this.changed(id);
  }

  /** Each printer's link and status (asks the printer where it answers), with its queue. */
  async printers(): Promise<(PrinterReport & { jobs: Record<JobState, number> })[]> {
    return Promise.all(
      [...this.backends.values()].map(async (b) => {
        const report = await b.report();
        this.printerHealth.observeReport(report);
        return { ...report, jobs: this.store.counts(b.name) };
      }),
    );
  }

  /** The label of a job as it prints (kiosk preview, CLI). */
  labelFor(job: PrintJob): Label {
    return labelForJob(this.book, job);
  }

  /** PNG at the printer's resolution, exactly the dots a raster printer would get. */
  png(label: Label, printer?: string): Buffer {
    const backend = printer ? this.backend(printer) : [...this.backends.values()][0];
    if (backend) return backend.png(label);
    throw new StationError("PRINTER_UNKNOWN", "没有配置打印机 / no printer configured");
  }

  private insert(
    backend: PrinterBackend,
    kind: JobKind,
    ref: string | null,
    data: StoredLabel,
    options: EnqueueOptions,
  ): PrintJob {
    const reprint = options.reprint ?? false;
    const { db, clock } = this.options;
    const worker = this.workers.get(backend.name);
    // Nothing ahead of it and the worker idle: the job is next, so it is committed as sending
    // with the transaction that makes it (one commit, not two, before its first byte).
    const claim = this.claimOnEnqueue && worker?.idle() === true && !this.store.nextQueued(backend.name);
    let job: PrintJob;
    try {
      job = db
        .transaction(() => {
          if (reprint && ref)
            this.options.records?.noteReprint(kind === "certificate" ? "certificate" : "package", ref);
          return this.store.insert(
            {
              printer: backend.name,
              kind,
              ref,
              reprint,
              data,
              ...(options.by ? { requestedBy: options.by } : {}),
            },
            clock.now(),
            claim,
          );
        })
        .immediate();
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE" && ref) {
        const first = this.store.firstPrint(kind, ref);
        throw new StationError(
          "PRINT_ALREADY_PRINTED",
          `${ref} 已有打印任务 #${first?.id}（${first?.state}）；再次打印须选补打 / already queued or printed: ask for a reprint`,
          { ref, job: first?.id, state: first?.state },
        );
      }
      throw err;
    }
    this.emit("job", job);
    if (claim) worker?.takeClaimed(job);
    else worker?.kick();
    return job;
  }

  /** A record's first label is out: the record says so in the same commit (record-labels.ts). */
  private settle(job: PrintJob): void {
    if (job.reprint || !job.ref || job.kind === "test") return;
    this.options.records?.labelPrinted(job.kind, job.ref);
  }

  private changed(id: number): PrintJob {
    const job = this.store.require(id);
    this.emit("job", job);
    if (job.state === "queued") this.workers.get(job.printer)?.kick();
    return job;
  }

  private backend(name: string): PrinterBackend {
    const backend = this.backends.get(name);
    if (!backend) {
      throw new StationError(
        "PRINTER_UNKNOWN",
        `没有打印机 ${name}；已配置 / configured: ${this.printerNames().join(", ")}`,
        {
          printer: name,
        },
      );
    }
    return backend;
  }

  private route(kind: JobKind, name: string | undefined): PrinterBackend {
    if (name) return this.backend(name);
    const backend = [...this.backends.values()].find((b) => b.config.use.includes(kind));
    if (!backend) {
      throw new StationError(
        "PRINTER_UNKNOWN",
        `没有打印 ${kind} 的打印机；请在 printers 中配置 / no printer for ${kind}`,
      );
    }
    return backend;
  }

  private requireRecords(): LabelRecords {
    if (!this.options.records)
      throw new StationError("PRINT_RECORD_NOT_FOUND", "本站没有业务记录 / no records here");
    return this.options.records;
  }
}

/** Re-exported for callers that choose a printer before asking the queue (kiosk preview). */
export { effectivePrinters };
