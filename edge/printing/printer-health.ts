import "../../drivers/printer/printer-codes.js";
import type { DeviceHealth, DeviceProblem, PrinterHealthDetail } from "../../drivers/device-health.js";
import type { ErrorCode } from "../core/error-codes.js";
import { describeCode, isErrorCode } from "../error-catalog.js";
import type { JobState, PrintJob } from "./print-job-store.js";
import type { PrinterReport } from "./printer-backend.js";

type PrinterState = PrinterHealthDetail["state"];

/** One thing the station learnt about a printer: from a status check or from a job's attempt. */
export interface PrinterObservation {
  state: PrinterState;
  code: ErrorCode | null;
  detail: string | null;
  at: number;
}

/** Printer states in which labels come out: reachable and not reporting a fault. */
const WORKING: ReadonlySet<PrinterState> = new Set(["ready", "no-status"]);

/** What a status check (`trace-station printers`, the kiosk's poll, the health probe) says. */
export function observationFromReport(report: PrinterReport, at: number): PrinterObservation {
  const code = report.code && isErrorCode(report.code) ? report.code : null;
  if (report.ready === true) return { state: "ready", code: null, detail: null, at };
  if (report.ready === null) return { state: "no-status", code: null, detail: report.detail, at };
  return { state: stateOfCode(code), code: code ?? "PRINTER_OFFLINE", detail: report.detail, at };
}

/**
 * What a job's attempt says about its printer, or undefined when it says nothing (queued
 * fresh, or failed for a reason of its own such as a bad template). A job printed or being
 * sent means the printer took a connection; one held or left unconfirmed names the fault.
 */
export function observationFromJob(job: PrintJob, at: number): PrinterObservation | undefined {
  if (job.state === "done" || job.state === "sending")
    return { state: "ready", code: null, detail: null, at };
  if (job.state !== "queued" && job.state !== "needs_confirmation") return undefined;
  const code = job.reasonCode && isErrorCode(job.reasonCode) ? job.reasonCode : null;
  if (!code?.startsWith("PRINTER_")) return undefined;
  return { state: stateOfCode(code), code, detail: job.reason, at };
}

function stateOfCode(code: ErrorCode | null): PrinterState {
  if (code === "PRINTER_UNREACHABLE" || code === "PRINTER_CONNECTION_LOST") return "unreachable";
  if (code === "PRINTER_PAPER_OUT") return "paper-out";
  if (code === "PRINTER_COVER_OPEN") return "cover-open";
  return "offline";
}

/**
 * One printer as a device (issue 14): link up or down and since when, what it said last, the
 * fault with the catalogue's remedy (paper out, off-line or cover open, unreachable), and its
 * job totals, in the same health record scales and sensors have. Fed by observations; holds
 * no timers and opens no connections itself.
 */
export class PrinterHealth {
  private link: DeviceHealth["link"] = "unknown";
  private linkSince: number | null = null;
  private reconnects = 0;
  private state: PrinterState = "unknown";
  private lastCheckAt: number | null = null;
  private lastOkAt: number | null = null;
  private problem: DeviceProblem | null = null;

  constructor(
    readonly name: string,
    private readonly language: string,
    private readonly port: string,
  ) {}

  /** When the printer was last heard from or about; null before the first observation. */
  get checkedAt(): number | null {
    return this.lastCheckAt;
  }

  observe(o: PrinterObservation): void {
    const link = o.state === "unreachable" ? "down" : "up";
    if (link !== this.link) {
      if (this.link === "down") this.reconnects++;
      this.link = link;
      this.linkSince = o.at;
    }
    this.state = o.state;
    this.lastCheckAt = o.at;
    if (WORKING.has(o.state)) this.lastOkAt = o.at;
    this.problem = o.code ? { code: o.code, ...describeCode(o.code), detail: o.detail } : null;
  }

  record(jobs: Record<JobState, number>): DeviceHealth {
    const working = WORKING.has(this.state);
    return {
      id: this.name,
      kind: "printer",
      port: this.port,
      line: null,
      online: working,
      link: this.link,
      linkSince: this.linkSince,
      receiving: working,
      silentSince: null,
      lastFrameAt: this.lastOkAt,
      framesDecoded: jobs.done,
      bytesDiscarded: 0,
      checksumErrors: 0,
      reconnects: this.reconnects,
      problem: this.problem,
      modbus: null,
      printer: {
        language: this.language,
        state: this.state,
        lastCheckAt: this.lastCheckAt,
        jobsDone: jobs.done,
        jobsFailed: jobs.failed,
        jobsQueued: jobs.queued + jobs.sending,
        jobsNeedConfirmation: jobs.needs_confirmation,
      },
    };
  }
}
