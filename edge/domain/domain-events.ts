import { EventEmitter } from "node:events";
import type { RecordOrigin } from "./inputs/input-records.js";
import type { Batch, Certificate, IncomingLot, InputRecord, Package, TestRecord } from "./records.js";

/** What happened, emitted after the record is written (and only once per record). */
export interface DomainEventMap {
  "batch.opened": [Batch];
  "batch.closed": [Batch];
  /** With where it came from: a package made from a stored stable weight has its messageId. */
  package: [Package, RecordOrigin];
  /** Removed from its batch's totals, with who and why (the void also goes upward). */
  "package.voided": [Package];
  input: [InputRecord];
  test: [TestRecord];
  incoming: [IncomingLot];
  "certificate.issued": [Certificate];
  "certificate.void": [Certificate];
  "certificate.reprint": [Certificate];
  /** A scanner read a pesticide label QR: the kiosk pre-fills an input record from it. */
  label_qr: [{ code: string; deviceId: string | null; at: number }];
  /** Became 待复核, or a supervisor cleared its review. */
  "certificate.review": [Certificate];
}

export type DomainEventName = keyof DomainEventMap;

/**
 * Domain events for the station's live side: station topics (trace/v1/station/#), the kiosk's
 * event stream. Records themselves travel upward through the outbox, never through these.
 * Emitted synchronously after the commit: a listener must not throw (the write already
 * happened, and the caller would see a failure that is not one).
 */
export class DomainEvents extends EventEmitter<DomainEventMap> {}

export const DOMAIN_EVENT_NAMES: readonly DomainEventName[] = [
  "batch.opened",
  "batch.closed",
  "package",
  "package.voided",
  "input",
  "test",
  "incoming",
  "certificate.issued",
  "certificate.void",
  "certificate.reprint",
  "certificate.review",
];
