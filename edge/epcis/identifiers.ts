import { createHash } from "node:crypto";
import { ai21Serial } from "../core/gs1-digital-link.js";

/**
 * URIs the events use. With a GTIN, lots and packages get GS1 Digital Link URIs on id.gs1.org
 * (DOMAIN.md §3: `/01/{GTIN-14}/10/{lot}` with `/21/{serial}`, qualifier order 22 → 10 → 21),
 * which EPCIS 2.0 accepts wherever an EPC is expected. Without one, the station's own URNs
 * stand in; receivers treat both as opaque identifiers.
 */
const DL = "https://id.gs1.org";
const seg = (value: string): string => encodeURIComponent(value);

/** Digital Links carry the GTIN as 14 digits (GTIN-8/12/13 left-padded with zeros). */
const gtin14 = (gtin: string): string => gtin.padStart(14, "0");

export function lotClass(station: string, lot: string, gtin: string | null): string {
  return gtin
    ? `${DL}/01/${gtin14(gtin)}/10/${seg(lot)}`
    : `urn:trace-station:${seg(station)}:lot:${seg(lot)}`;
}

export function packageId(station: string, lot: string, serial: string, gtin: string | null): string {
  // AI 21 carries the package's sequence in the lot (the lot is AI 10 beside it): ≤ 20 characters.
  return gtin
    ? `${DL}/01/${gtin14(gtin)}/10/${seg(lot)}/21/${seg(ai21Serial(lot, serial))}`
    : `urn:trace-station:${seg(station)}:package:${seg(serial)}`;
}

export function siteLocation(station: string, siteId: string): string {
  return `urn:trace-station:${seg(station)}:site:${seg(siteId)}`;
}

export function stationLocation(station: string): string {
  return `urn:trace-station:${seg(station)}:station`;
}

/** An incoming lot's scanned code when it is already a URI (e.g. a Digital Link), else a station URN. */
export function incomingLotClass(station: string, id: number, rawCode: string): string {
  if (/^https?:\/\/[^\s]+$/i.test(rawCode)) {
    try {
      return new URL(rawCode).href;
    } catch {
      // not a URL after all: fall through to the station's own id
    }
  }
  return `urn:trace-station:${seg(station)}:incoming:${id}`;
}

/**
 * A stable event id: a name-based UUID (RFC 9562 §5.5, version 5, SHA-1) of the station and
 * the record the event comes from, so exporting twice yields the same eventID and a receiver
 * can de-duplicate. (The CBV hash-based `ni:` id needs a canonicalisation this does not do.)
 */
export function eventId(station: string, key: string): string {
  const hash = createHash("sha1").update(`trace-station:${station}:${key}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `+08:00` for a zone at an instant, as EPCIS eventTimeZoneOffset wants. */
export function zoneOffset(timezone: string, at: number): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: timezone, timeZoneName: "longOffset" })
    .formatToParts(new Date(at))
    .find((p) => p.type === "timeZoneName")?.value;
  const match = part ? /GMT([+-]\d{2}:\d{2})?/.exec(part) : null;
  return match?.[1] ?? "+00:00";
}
