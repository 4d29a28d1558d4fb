import type { Shipment } from "./shipment-records-types.js";

/** A shipment as anyone may read it on the trace page: when, to whom in public terms, how much of this batch. */
export interface PublicShipment {
  shippedAt: number;
  /** A business buyer's name; a person buying is shown by market only (their name is private). */
  to: string;
  market: string | null;
  packageCount: number;
  netKg: number;
}

/**
 * Built field by field, never by deleting: the buyer's phone, ID number, address, the vehicle
 * and who entered the shipment never reach the public trace page or /api/trace.
 */
export function publicShipments(shipments: readonly Shipment[], lot: string): PublicShipment[] {
  return shipments.map((s) => {
    const packages = s.packages.filter((p) => p.lot === lot);
    const lineKg = s.lines.filter((l) => l.lot === lot).reduce((sum, l) => sum + l.quantityKg, 0);
    const kg = packages.reduce((sum, p) => sum + p.netKg, 0) + lineKg;
    const business = s.buyer.idKind === "credit_code";
    return {
      shippedAt: s.shippedAt,
      to: business ? s.buyer.name : (s.buyer.market ?? "个人购货方"),
      market: s.buyer.market,
      packageCount: packages.length,
      netKg: Math.round(kg * 1000) / 1000,
    };
  });
}
