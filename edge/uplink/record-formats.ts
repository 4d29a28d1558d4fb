import { randomUUID } from "node:crypto";
import { EPCIS_CONTEXT } from "../epcis/document.js";
import { eventId } from "../epcis/identifiers.js";
import type { EpcisRecordMapper } from "../epcis/record-events.js";
import type { MessageRow } from "../store/message-row.js";
import { encodeMessageRecord, encodeOutboxRecord, type OutboxRow } from "./record-format.js";

/**
 * What a sink sends: how one record is encoded, and how encoded records are wrapped into one
 * MQTT message or one HTTP body. An empty encoding means "nothing to send for this record":
 * the record counts as delivered (an EPCIS sink has no event for a device status change).
 */
export interface UplinkFormat {
  readonly name: "station" | "epcis";
  message(row: MessageRow): string;
  outbox(row: OutboxRow): string;
  single(body: string, recordId: string, now: number): string;
  batch(bodies: readonly string[], now: number): string;
}

/** The station's own record format v1 (uplink-record-v1.schema.json). */
export function stationFormat(station: string): UplinkFormat {
  return {
    name: "station",
    message: (row) => encodeMessageRecord(station, row),
    outbox: (row) => encodeOutboxRecord(station, row),
    single: (body) => body,
    batch: (bodies) => `{"v":1,"station":${JSON.stringify(station)},"records":[${bodies.join(",")}]}`,
  };
}

const CONTEXT = JSON.stringify(EPCIS_CONTEXT);

function epcisDocumentText(id: string, events: string, now: number): string {
  return `{"@context":${CONTEXT},"id":"${id}","type":"EPCISDocument","schemaVersion":"2.0","creationDate":"${new Date(now).toISOString()}","epcisBody":{"eventList":[${events}]}}`;
}

/**
 * GS1 EPCIS 2.0 JSON-LD: one document per MQTT message (its id derived from the record id, so
 * a resend is the same document) or per HTTP batch, events ordered as their records.
 */
export function epcisFormat(station: string, mapper: EpcisRecordMapper): UplinkFormat {
  const join = (events: unknown[]): string => events.map((e) => JSON.stringify(e)).join(",");
  return {
    name: "epcis",
    message: (row) => join(mapper.message(row.id, row.device_id, row.kind, row.ts, row.payload)),
    outbox: (row) => join(mapper.outbox(row.kind, JSON.parse(row.payload))),
    single: (body, recordId, now) => epcisDocumentText(eventId(station, `document:${recordId}`), body, now),
    // Built once per batch, so a retried batch is resent byte for byte.
    batch: (bodies, now) => epcisDocumentText(`urn:uuid:${randomUUID()}`, bodies.join(","), now),
  };
}
