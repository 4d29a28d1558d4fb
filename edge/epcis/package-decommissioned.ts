import type { ObjectEvent } from "./epcis-event.js";
import type { EpcisStation, PackageDecommissioning } from "./epcis-input.js";
import { eventId, packageId, stationLocation, zoneOffset } from "./identifiers.js";

/**
 * A voided package as EPCIS 2.0: the ObjectEvent that withdraws the EPC its commissioning
 * event (events.ts `packageCommissioned`) brought into being.
 *
 * - `action: DELETE`: EPCIS 2.0 §7.4.2 ObjectEvent, "the objects named in the event were
 *   decommissioned as part of this event" (schema `#/definitions/action`: OBSERVE, ADD, DELETE);
 * - `bizStep: decommissioning`, `disposition: inactive`: CBV 2.0 §7.2 / §7.3, the business step
 *   after which an identifier is no longer in use and the disposition of an object so
 *   decommissioned (both in the schema's `bizStep` and `disposition` enumerations). Not
 *   `destroying`/`destroyed`: the produce of a voided package is usually weighed and labelled
 *   again, only its package identity ends.
 *
 * The worker's reason travels as `ts:voidReason` (an extension field, as the station's other
 * own fields). No `ilmd`: instance master data belongs to ADD events only (EPCIS 2.0 §7.3.6).
 * The event id is the same from the per-record uplink and the trace-record export.
 */
export function packageDecommissioned(station: EpcisStation, p: PackageDecommissioning): ObjectEvent {
  return {
    type: "ObjectEvent",
    eventID: eventId(station.code, `package-void:${p.serial}`),
    eventTime: new Date(p.voidedAt).toISOString(),
    eventTimeZoneOffset: zoneOffset(station.timezone, p.voidedAt),
    action: "DELETE",
    bizStep: "decommissioning",
    disposition: "inactive",
    epcList: [packageId(station.code, p.ref.lot, p.serial, p.ref.gtin)],
    readPoint: { id: stationLocation(station.code) },
    bizLocation: { id: stationLocation(station.code) },
    "ts:voidReason": p.reason,
  };
}
