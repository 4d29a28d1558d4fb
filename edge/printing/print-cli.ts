import { setTimeout as sleep } from "node:timers/promises";
import { systemClock } from "../core/clock.js";
import { silentLogger } from "../core/logger.js";
import { openDomainCli } from "../domain/cli/domain-cli.js";
import type { PrintJob } from "./print-job-store.js";
import { PrintService } from "./print-service.js";
import { domainLabelRecords } from "./record-labels.js";

/** The print queue over the data directory, for CLI commands; the running station sends. */
export function openPrintCli(values: { config?: string; data?: string }): {
  printing: PrintService;
  close(): void;
} {
  const cli = openDomainCli(values);
  const { loaded, db } = cli.ctx;
  const printing = new PrintService({
    db,
    config: loaded.config,
    dataDir: loaded.dataDir,
    clock: systemClock,
    log: silentLogger(),
    records: domainLabelRecords(cli.domain),
  });
  return { printing, close: () => cli.close() };
}

/** Wait until the station has sent the job (or given up, or needs an operator), up to `seconds`. */
export async function waitForJob(printing: PrintService, id: number, seconds: number): Promise<PrintJob> {
  const deadline = Date.now() + seconds * 1000;
  let job = printing.job(id);
  while ((job.state === "queued" || job.state === "sending") && Date.now() < deadline) {
    await sleep(200);
    job = printing.job(id);
  }
  return job;
}

const STATE_TEXT: Record<PrintJob["state"], string> = {
  queued: "排队中 / queued",
  sending: "发送中 / sending",
  done: "已打印 / printed",
  failed: "失败 / failed",
  needs_confirmation: "待确认 / needs confirmation",
};

export function describeJob(job: PrintJob): string {
  const what = `${job.kind}${job.ref ? ` ${job.ref}` : ""}${job.reprint ? " 补打/reprint" : ""}`;
  const why = job.reason ? `  ${job.reasonCode ?? ""} ${job.reason}` : "";
  return `#${job.id} ${what} → ${job.printer}: ${STATE_TEXT[job.state]}${why}`;
}
