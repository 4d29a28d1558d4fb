import type { Shipment } from "../shipments/shipment-records-types.js";
import type { AggregationEvent, EpcisEvent, ObjectEvent, QuantityElement } from "./epcis-event.js";
import type { EpcisStation, LotRef } from "./epcis-input.js";
import { eventId, lotClass, packageId, stationLocation, zoneOffset } from "./identifiers.js";

const seg = (value: string): string => encodeURIComponent(value);

/** The shipment as a logistic unit: the parent its packages are aggregated into. */
export function shipmentId(station: string, number: string): string {
  return `urn:trace-station:${seg(station)}:shipment:${seg(number)}`;
}

/** The station's producer or packer as the party that owned the goods before they left. */
export function stationParty(station: string): string {
  return `urn:trace-station:${seg(station)}:party:station`;
}

/** A buyer of the register by its row id: its credit code or ID number is private and stays out. */
export function buyerParty(station: string, buyerId: number): string {
  return `urn:trace-station:${seg(station)}:party:buyer:${buyerId}`;
}

/**
 * One shipment's part of one lot (CBV 2.0 shipping, DOMAIN.md §3 "OBSERVE = shipping"): the
 * ObjectEvent that says these packages and quantities left, owned before by the station and
 * after by the buyer (sourceList/destinationList with owning_party), and the AggregationEvent
 * that packs the packages into the shipment (ADD to the shipment as parent; each lot of a
 * shipment adds its own children). Keyed by shipment and lot, so the per-batch export and the
 * uplink of the shipment record give the same event ids.
 */
export function shipmentEventsForLot(station: EpcisStation, shipment: Shipment, ref: LotRef): EpcisEvent[] {
  const packages = shipment.packages.filter((p) => p.lot === ref.lot);
  const lineKg = shipment.lines.filter((l) => l.lot === ref.lot).reduce((sum, l) => sum + l.quantityKg, 0);
  if (packages.length === 0 && lineKg === 0) return [];
  const at = shipment.shippedAt;
  const time = {
    eventTime: new Date(at).toISOString(),
    eventTimeZoneOffset: zoneOffset(station.timezone, at),
  };
  const epcs = packages.map((p) => packageId(station.code, ref.lot, p.serial, ref.gtin));
  const quantities: QuantityElement[] =
    lineKg > 0
      ? [
          {
            epcClass: lotClass(station.code, ref.lot, ref.gtin),
            quantity: Math.round(lineKg * 1000) / 1000,
            uom: "KGM",
          },
        ]
      : [];
  const key = `shipment:${shipment.number}:${ref.lot}`;
  const where = { readPoint: { id: stationLocation(station.code) } };
  const shipping: ObjectEvent = {
    type: "ObjectEvent",
    eventID: eventId(station.code, key),
    ...time,
    action: "OBSERVE",
    bizStep: "shipping",
    disposition: "in_transit",
    epcList: epcs,
    ...(quantities.length > 0 ? { quantityList: quantities } : {}),
    ...where,
    sourceList: [{ type: "owning_party", source: stationParty(station.code) }],
    destinationList: [{ type: "owning_party", destination: buyerParty(station.code, shipment.buyer.id) }],
    "ts:shipment": shipment.number,
    ...(shipment.certificates.length > 0 ? { "ts:certificates": shipment.certificates } : {}),
  };
  const aggregation: AggregationEvent = {
    type: "AggregationEvent",
    eventID: eventId(station.code, `${key}:aggregation`),
    ...time,
    action: "ADD",
    bizStep: "packing",
    disposition: "in_progress",
    parentID: shipmentId(station.code, shipment.number),
    childEPCs: epcs,
    ...(quantities.length > 0 ? { childQuantityList: quantities } : {}),
    ...where,
  };
  return [aggregation, shipping];
}
