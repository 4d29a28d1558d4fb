import "../uplink/uplink-codes.js";
import { StationError } from "../core/station-error.js";
import type { Domain } from "../domain/domain.js";
import { type EpcisDocument, epcisDocument } from "./document.js";
import type { EpcisEvent } from "./epcis-event.js";
import type { EpcisStation } from "./epcis-input.js";
import { eventsOfTraceRecord } from "./from-trace-record.js";

export interface ExportSelection {
  /** One batch by lot code. */
  lot?: string;
  /** Events at or after this time (epoch ms), across batches. */
  since?: number;
}

/** Most batches a `--since` export walks (newest first); an export per batch has no limit. */
const MAX_BATCHES = 100000;

/**
 * Build one EPCIS document for a batch, or for every batch with events since a time. A
 * batch's events come from its trace record, so the export and the trace page agree.
 */
export function exportEpcis(
  domain: Domain,
  station: EpcisStation,
  selection: ExportSelection,
  now: number,
): EpcisDocument {
  let events: EpcisEvent[];
  if (selection.lot !== undefined) {
    events = eventsOfTraceRecord(station, domain.traceRecord(selection.lot));
  } else {
    const since = selection.since ?? 0;
    const seen = new Set<string>();
    events = [];
    for (const batch of domain.batches.list({ limit: MAX_BATCHES })) {
      for (const event of eventsOfTraceRecord(station, domain.traceRecord(batch.lot))) {
        // A test can sit in the window of two batches of the same site: one event per id.
        if (Date.parse(event.eventTime) < since || seen.has(event.eventID)) continue;
        seen.add(event.eventID);
        events.push(event);
      }
    }
  }
  if (events.length === 0) {
    throw new StationError(
      "EPCIS_NOTHING_TO_EXPORT",
      "没有符合条件的 EPCIS 事件 / no EPCIS events match the selection",
      { ...selection },
    );
  }
  return epcisDocument(events, now);
}
