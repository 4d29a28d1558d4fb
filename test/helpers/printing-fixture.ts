import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateConfig } from "../../edge/config/load.js";
import { systemClock } from "../../edge/core/clock.js";
import { silentLogger } from "../../edge/core/logger.js";
import type { JobState, PrintJob } from "../../edge/printing/print-job-store.js";
import { PrintService } from "../../edge/printing/print-service.js";
import { type Database, openDatabase } from "../../edge/store/database.js";
import { waitFor } from "./poll.js";

export interface PrintingFixture {
  dataDir: string;
  db: Database;
  printing: PrintService;
  close(): Promise<void>;
}

/** A TCP ESC/POS or TSPL printer entry pointing at a test endpoint, fast timeouts. */
export function tcpPrinter(port: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "p1",
    kind: "escpos",
    transport: { type: "tcp", host: "127.0.0.1", port },
    statusTimeoutMs: 2000,
    retryMs: 200,
    ...extra,
  };
}

/** A print service over a real SQLite file in a temp directory (no station around it). */
export function printingFixture(printers: unknown[], dataDir?: string): PrintingFixture {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "trace-printing-"));
  const { config } = validateConfig({ dataDir: dir, printers, demo: { enabled: false } });
  const db = openDatabase(dir);
  const printing = new PrintService({
    db,
    config,
    dataDir: dir,
    clock: systemClock,
    log: silentLogger(),
    pollMs: 200,
  });
  return {
    dataDir: dir,
    db,
    printing,
    async close() {
      await printing.stop();
      db.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Wait until the job is in one of `states` (the queue reports through its "job" event; polls too). */
export async function waitForState(
  printing: PrintService,
  id: number,
  states: JobState[],
  predicate: (job: PrintJob) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<PrintJob> {
  let job = printing.job(id);
  await waitFor(
    () => {
      job = printing.job(id);
      return states.includes(job.state) && predicate(job);
    },
    {
      what: () => `job ${id} in ${states.join("|")}; it stayed ${job.state} (${job.reason ?? ""})`,
      timeoutMs,
    },
  );
  return job;
}

/** The package label URL of `packageData` with the default QR settings. */
export const PACKAGE_URL = "http://trace-station.local:8080/t/ST01261122007K-0012";
