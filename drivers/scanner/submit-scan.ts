import type { LinkDriverDeps } from "../link-status.js";

/** What a scanning driver is told once its code is stored, or why it was not. */
export interface ScanOutcome {
  stored(messageId: number): void;
  failed(reason: string): void;
}

/**
 * A code read by a scanner or a tag reader, into the intake as a `scan` message, like any
 * device's: one path for barcode scanners and RFID readers, so both are stored, refused and
 * logged alike. A message the intake dropped as a duplicate (`null`) is neither.
 */
export function submitScan(
  deps: Pick<LinkDriverDeps, "outlets" | "log">,
  deviceId: string,
  scan: { code: string; at: number },
  outcome: ScanOutcome,
): void {
  deps.outlets.submit(deviceId, "scan", { ts: scan.at, code: scan.code }).then(
    (messageId) => {
      if (messageId !== null) outcome.stored(messageId);
    },
    (err: Error) => {
      deps.log.warn({ device: deviceId, err: err.message }, "scan not stored");
      outcome.failed(`scan not stored: ${err.message}`);
    },
  );
}
