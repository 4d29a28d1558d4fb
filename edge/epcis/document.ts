import { randomUUID } from "node:crypto";
import type { EpcisEvent } from "./epcis-event.js";

/** The EPCIS 2.0 JSON-LD context (EPCIS 2.0 §12.2) plus the station's own vocabulary. */
export const EPCIS_CONTEXT = [
  "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
  { ts: "https://trace-station.example/epcis/" },
] as const;

export interface EpcisDocument {
  "@context": typeof EPCIS_CONTEXT;
  id: string;
  type: "EPCISDocument";
  schemaVersion: "2.0";
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
}

/**
 * Wrap events into a document. Its id is a `urn:uuid:`: the official schema's `uri` format
 * refuses the blank-node ids (`_:document1`) of the GS1 examples.
 */
export function epcisDocument(
  events: EpcisEvent[],
  now: number,
  id = `urn:uuid:${randomUUID()}`,
): EpcisDocument {
  return {
    "@context": EPCIS_CONTEXT,
    id,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: new Date(now).toISOString(),
    epcisBody: { eventList: [...events].sort((a, b) => a.eventTime.localeCompare(b.eventTime)) },
  };
}
