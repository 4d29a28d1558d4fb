import type { Actor } from "../http/actor.js";
import type { BuyerIdKind } from "./buyer-checks.js";

/** A buyer in the register (购货方). Phone and ID number are private: never on the public page. */
export interface Buyer {
  id: number;
  name: string;
  idKind: BuyerIdKind | null;
  idNumber: string | null;
  phone: string | null;
  market: string | null;
  address: string | null;
  needsCertificate: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ShippedPackage {
  serial: string;
  lot: string;
  netKg: number;
}

export interface ShippedLine {
  lot: string;
  quantityKg: number;
}

/** One shipment (出库单) as stored, shown and sent upward. */
export interface Shipment {
  id: number;
  number: string;
  shippedAt: number;
  buyer: Buyer;
  vehiclePlate: string | null;
  note: string | null;
  packages: ShippedPackage[];
  lines: ShippedLine[];
  certificates: string[];
  totals: { packageCount: number; netKg: number };
  actor: Actor;
  createdAt: number;
}

/** What a batch has left to ship: accepted packages not yet shipped, and weight after quantity lines. */
export interface BatchStock {
  lot: string;
  packedKg: number;
  packedCount: number;
  shippedKg: number;
  shippedCount: number;
  remainingKg: number;
  remainingCount: number;
}
