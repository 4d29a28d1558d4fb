import type { LabelBook } from "../../labels/label-book.js";
import type { CertificateLabelData, PackageLabelData } from "../../labels/label-data.js";
import type { Label } from "../../labels/layout.js";
import type { PrintJob } from "./print-job-store.js";

/** What a job row keeps in `data`: the template chosen at enqueue time and the content then. */
export interface StoredLabel {
  template: string;
  label: PackageLabelData | CertificateLabelData | TestPageData;
}

export interface TestPageData {
  printerName: string;
  at: number;
}

/** Rebuild a job's label from its frozen content; a reprint carries 补打. */
export function labelForJob(book: LabelBook, job: PrintJob): Label {
  const stored = JSON.parse(job.data) as StoredLabel;
  if (job.kind === "package") {
    return book.packageLabel(stored.template, stored.label as PackageLabelData, job.reprint).label;
  }
  if (job.kind === "certificate") {
    return book.certificateLabel(stored.template, stored.label as CertificateLabelData, job.reprint).label;
  }
  const test = stored.label as TestPageData;
  return book.testPage(test.printerName, test.at).label;
}
