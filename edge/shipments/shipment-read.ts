import "./shipment-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../core/station-error.js";
import type { Actor } from "../http/actor.js";
import { type BuyerRow, buyerOf } from "./buyers.js";
import type { BatchStock, Shipment } from "./shipment-records-types.js";

interface ShipmentRow {
  id: number;
  number: string;
  shipped_at: number;
  vehicle_plate: string | null;
  note: string | null;
  actor_id: string | null;
  actor_name: string;
  actor_role: Actor["role"];
  created_at: number;
  buyer_id: number;
}

/** Reads of stored shipments: one shipment whole, a batch's shipments, a batch's stock left. */
export class ShipmentReader {
  constructor(private readonly db: Database) {}

  byId(id: number): Shipment | undefined {
    const row = this.db.prepare("SELECT * FROM shipments WHERE id = ?").get(id) as ShipmentRow | undefined;
    return row ? this.whole(row) : undefined;
  }

  byNumber(number: string): Shipment | undefined {
    const row = this.db.prepare("SELECT * FROM shipments WHERE number = ?").get(number) as
      | ShipmentRow
      | undefined;
    return row ? this.whole(row) : undefined;
  }

  requireByNumber(number: string): Shipment {
    const shipment = this.byNumber(number);
    if (!shipment) {
      throw new StationError("SHIPMENT_NOT_FOUND", `出库单 ${number} 不存在 / no shipment ${number}`, {
        number,
      });
    }
    return shipment;
  }

  list(filter: { buyerId?: number; limit?: number } = {}): Shipment[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM shipments WHERE (? IS NULL OR buyer_id = ?) ORDER BY shipped_at DESC, id DESC LIMIT ?",
      )
      .all(filter.buyerId ?? null, filter.buyerId ?? null, filter.limit ?? 50) as ShipmentRow[];
    return rows.map((r) => this.whole(r));
  }

  /** Every shipment that took packages or a quantity of this batch, oldest first. */
  forBatch(lot: string): Shipment[] {
    const rows = this.db
      .prepare(
        `SELECT s.* FROM shipments s WHERE s.id IN (
           SELECT sp.shipment_id FROM shipment_packages sp JOIN domain_batches b ON b.id = sp.batch_id WHERE b.lot = ?
           UNION SELECT sl.shipment_id FROM shipment_lines sl JOIN domain_batches b ON b.id = sl.batch_id WHERE b.lot = ?)
         ORDER BY s.shipped_at, s.id`,
      )
      .all(lot, lot) as ShipmentRow[];
    return rows.map((r) => this.whole(r));
  }

  /** The shipment that already took a package, if any (a package ships once). */
  shipmentOfPackage(packageId: number): { number: string; shippedAt: number; buyerName: string } | undefined {
    return this.db
      .prepare(
        `SELECT s.number, s.shipped_at AS shippedAt, b.name AS buyerName FROM shipment_packages sp
         JOIN shipments s ON s.id = sp.shipment_id JOIN shipment_buyers b ON b.id = s.buyer_id WHERE sp.package_id = ?`,
      )
      .get(packageId) as { number: string; shippedAt: number; buyerName: string } | undefined;
  }

  stock(lot: string): BatchStock {
    const r = this.db
      .prepare(
        `SELECT
           (SELECT count(*) FROM domain_packages p WHERE p.batch_id = b.id AND p.state = 'accepted') AS packedCount,
           (SELECT coalesce(sum(p.net_kg), 0) FROM domain_packages p WHERE p.batch_id = b.id AND p.state = 'accepted') AS packedKg,
           (SELECT count(*) FROM shipment_packages sp WHERE sp.batch_id = b.id) AS shippedCount,
           (SELECT coalesce(sum(sp.net_kg), 0) FROM shipment_packages sp WHERE sp.batch_id = b.id)
             + (SELECT coalesce(sum(sl.quantity_kg), 0) FROM shipment_lines sl WHERE sl.batch_id = b.id) AS shippedKg
         FROM domain_batches b WHERE b.lot = ?`,
      )
      .get(lot) as Omit<BatchStock, "lot" | "remainingKg" | "remainingCount"> | undefined;
    const s = r ?? { packedCount: 0, packedKg: 0, shippedCount: 0, shippedKg: 0 };
    const round = (kg: number) => Math.round(kg * 1000) / 1000;
    return {
      lot,
      packedCount: s.packedCount,
      packedKg: round(s.packedKg),
      shippedCount: s.shippedCount,
      shippedKg: round(s.shippedKg),
      remainingCount: s.packedCount - s.shippedCount,
      remainingKg: round(Math.max(0, s.packedKg - s.shippedKg)),
    };
  }

  private whole(row: ShipmentRow): Shipment {
    const buyer = buyerOf(
      this.db.prepare("SELECT * FROM shipment_buyers WHERE id = ?").get(row.buyer_id) as BuyerRow,
    );
    const packages = this.db
      .prepare(
        `SELECT p.serial, b.lot, sp.net_kg AS netKg FROM shipment_packages sp
         JOIN domain_packages p ON p.id = sp.package_id JOIN domain_batches b ON b.id = sp.batch_id
         WHERE sp.shipment_id = ? ORDER BY b.lot, p.seq`,
      )
      .all(row.id) as Shipment["packages"];
    const lines = this.db
      .prepare(
        `SELECT b.lot, sl.quantity_kg AS quantityKg FROM shipment_lines sl JOIN domain_batches b ON b.id = sl.batch_id
         WHERE sl.shipment_id = ? ORDER BY b.lot`,
      )
      .all(row.id) as Shipment["lines"];
    const certificates = (
      this.db
        .prepare(
          "SELECT certificate_number AS number FROM shipment_certificates WHERE shipment_id = ? ORDER BY certificate_number",
        )
        .all(row.id) as Array<{ number: string }>
    ).map((c) => c.number);
    const kg =
      packages.reduce((sum, p) => sum + p.netKg, 0) + lines.reduce((sum, l) => sum + l.quantityKg, 0);
    return {
      id: row.id,
      number: row.number,
      shippedAt: row.shipped_at,
      buyer,
      vehiclePlate: row.vehicle_plate,
      note: row.note,
      packages,
      lines,
      certificates,
      totals: { packageCount: packages.length, netKg: Math.round(kg * 1000) / 1000 },
      actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role },
      createdAt: row.created_at,
    };
  }
}
