import type { EpcisEvent, ObjectEvent } from "../epcis/epcis-event.js";
import type { EpcisStation } from "../epcis/epcis-input.js";
import { eventId, siteLocation, stationLocation, zoneOffset } from "../epcis/identifiers.js";
import type { Animal } from "./animal.js";
import type { SaleBatch } from "./sale-batch.js";

/**
 * An animal as an EPCIS instance-level identifier. The national ear tag code is unique across
 * China and over time (畜禽标识和养殖档案管理办法 第七条), so the URN carries the code alone, not
 * the station: two stations that see the same animal name it the same way.
 */
export function animalEpc(tag: string): string {
  return `urn:trace-station:eartag:${tag}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

function base(station: EpcisStation, key: string, at: number) {
  return {
    eventID: eventId(station.code, key),
    eventTime: iso(at),
    eventTimeZoneOffset: zoneOffset(station.timezone, at),
  };
}

/** The animal comes into the station's records: born on the farm or arrived (commissioning). */
export function animalCommissioned(station: EpcisStation, animal: Animal): ObjectEvent {
  return {
    type: "ObjectEvent",
    ...base(station, `animal:${animal.tag}`, animal.registeredAt),
    action: "ADD",
    bizStep: "commissioning",
    disposition: "active",
    epcList: [animalEpc(animal.tag), ...animal.formerTags.map((t) => animalEpc(t.tag))],
    readPoint: {
      id: animal.siteId ? siteLocation(station.code, animal.siteId) : stationLocation(station.code),
    },
    bizLocation: { id: stationLocation(station.code) },
    ilmd: {
      "ts:earTag": animal.written,
      "ts:species": animal.species,
      "ts:sex": animal.sex,
      "ts:origin": animal.origin,
      "ts:bornOn": animal.bornOn,
      "ts:arrivedOn": animal.arrivedOn,
      "ts:source": animal.source,
      "ts:rfid": animal.rfid,
    },
  };
}

/**
 * The animals leave in one sale or slaughter batch (shipping, in transit), each by its ear tag,
 * with the 动物检疫合格证明 number that went with them and each head's live weight.
 */
export function saleShipped(station: EpcisStation, sale: SaleBatch): ObjectEvent {
  const at = sale.closedAt ?? sale.openedAt;
  return {
    type: "ObjectEvent",
    ...base(station, `livestock-sale:${sale.number}`, at),
    action: "OBSERVE",
    bizStep: "shipping",
    disposition: "in_transit",
    epcList: sale.animals.map((a) => animalEpc(a.tag)),
    readPoint: { id: stationLocation(station.code) },
    "ts:saleNumber": sale.number,
    "ts:saleKind": sale.kind,
    "ts:quarantineCertificate": sale.quarantineNo,
    "ts:destination": sale.destination,
    "ts:headCount": sale.heads,
    "ts:liveWeights": sale.animals.map((a) => ({ "ts:earTag": a.written, "ts:kg": a.weightKg })),
    ...(sale.lot ? { "ts:lot": sale.lot } : {}),
  };
}

/** Every event of a closed sale: each animal's commissioning, then the shipping. */
export function saleEvents(station: EpcisStation, sale: SaleBatch, animals: readonly Animal[]): EpcisEvent[] {
  if (sale.state !== "closed") return [];
  return [...animals.map((a) => animalCommissioned(station, a)), saleShipped(station, sale)];
}
