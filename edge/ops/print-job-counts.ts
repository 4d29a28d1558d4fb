import type { Database } from "../store/database.js";

export interface PrintJobCount {
  printer: string;
  state: string;
  count: number;
}

/**
 * Print jobs per printer and state for the metrics, read from the print queue's durable table
 * (edge/printing/printing-migrations.ts) with its (printer, state) index: one query per scrape,
 * without waking the printers as the print service's status report would.
 */
export function printJobCounts(db: Database): PrintJobCount[] {
  try {
    return db
      .prepare("SELECT printer, state, count(*) AS count FROM print_jobs GROUP BY printer, state")
      .all() as PrintJobCount[];
  } catch {
    // A store without the print queue's migration (a stripped-down build): no print metrics.
    return [];
  }
}
