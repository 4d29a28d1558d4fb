/**
 * What the kiosk API needs from the print queue, in the kiosk's words. `printing-adapter.ts`
 * implements it over `station.printing`; the routes never reach into the queue's rows.
 */
export interface JobView {
  id: number;
  kind: "package" | "certificate" | "test" | string;
  /** Package serial or certificate number. */
  ref: string | null;
  state: string;
  reason: string | null;
  reprint: boolean;
  printer: string | null;
  createdAt: number;
}

export interface LabelJobs {
  printPackage(serial: string, reprint: boolean): Promise<JobView>;
  printCertificate(number: string, reprint: boolean): Promise<JobView>;
  /** Latest job for each of these package serials. */
  jobsForPackages(serials: readonly string[]): Map<string, JobView>;
  list(limit: number): JobView[];
  /** Queue a failed job again. */
  retry(id: number): Promise<JobView>;
  /** An operator's word on a job whose outcome was unknown: it printed, or send it again. */
  confirm(id: number, outcome: "printed" | "resend"): Promise<JobView>;
  /** Each printer's link, state and queue counts (asks printers that answer status requests). */
  printers(): Promise<unknown[]>;
  /** PNG of the certificate label as it would print now (nothing is issued or numbered). */
  certificatePreview(lot: string, basis: readonly string[]): Promise<Buffer>;
}
