import { h } from "../dom.js";
import { t } from "../i18n.js";

/** A print job's state as a small coloured pill; 已打印 only for a job that is done. */
export function jobState(job) {
  if (!job) return null;
  const text =
    {
      done: t("printed"),
      queued: t("queued"),
      sending: t("busy"),
      failed: t("failed"),
      needs_confirmation: t("needsConfirmation"),
    }[job.state] || job.state;
  return h(`span.state.${job.state}`, { title: job.reason || "" }, text);
}
