import { stationTopic } from "../../broker/topics.js";
import type { PrintJob } from "./print-job-store.js";
import type { PrintService } from "./print-service.js";

/**
 * Print job changes as station events (DESIGN.md `trace/v1/station/#`: "label printed"), e.g.
 * `trace/v1/station/print/done`. Live notices only, without the label content.
 */
export function forwardPrintEvents(
  printing: PrintService,
  publish: (topic: string, payload: string) => void,
): () => void {
  const announce = (job: PrintJob) => {
    const { id, kind, ref, reprint, printer, state, reasonCode, reason } = job;
    try {
      publish(
        stationTopic(`print/${state}`),
        JSON.stringify({ id, kind, ref, reprint, printer, state, reasonCode, reason }),
      );
    } catch {
      // A live notice only: the job row is what counts.
    }
  };
  printing.on("job", announce);
  return () => printing.off("job", announce);
}
