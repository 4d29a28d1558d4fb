import "./shipment-codes.js";
import type { Database, Statement } from "better-sqlite3";
import { StationError } from "../core/station-error.js";

export type RecallQuery = { batch: string } | { incoming: string };

export interface RecallIncoming {
  id: number;
  rawCode: string;
  supplier: string | null;
  quantity: number | null;
  unit: string | null;
  receivedAt: number;
}

export interface RecallShipment {
  number: string;
  shippedAt: number;
  vehiclePlate: string | null;
  buyer: {
    id: number;
    name: string;
    idNumber: string | null;
    phone: string | null;
    market: string | null;
    address: string | null;
  };
  /** Of this batch only: packages and kilograms (a shipment may carry several batches). */
  packageCount: number;
  netKg: number;
}

export interface RecallBatch {
  lot: string;
  productName: string;
  packedCount: number;
  packedKg: number;
  /** Backward: the supplier lots it was made from. */
  incomingIds: number[];
  /** Forward: where it went. */
  shipments: RecallShipment[];
}

/** The answer to "which buyers got lot X?", backward and forward, with quantities. */
export interface RecallReport {
  query: RecallQuery;
  incomingLots: RecallIncoming[];
  batches: RecallBatch[];
  /** Every buyer reached, with what each got across the batches. */
  buyers: Array<RecallShipment["buyer"] & { shipments: number; netKg: number }>;
  elapsedMs?: number;
}

const round = (kg: number) => Math.round(kg * 1000) / 1000;

/**
 * Recall in one query (issue 17 item 4): from a packed batch or a supplier lot, the supplier
 * lots behind it, the batches made from them, every shipment of those batches, its buyer and
 * contact. Three indexed statements whatever the store's size: incoming → batches through
 * domain_batch_incoming, batches → shipments through shipment_packages/shipment_lines indexed
 * by batch (shipment-migrations.ts).
 */
export class Recall {
  private readonly sql: Record<
    "batches" | "shipped" | "batchByLot" | "batchesOfIncoming" | "incoming",
    Statement
  >;

  constructor(db: Database) {
    // Prepared once: recall runs them as they are, a few times per query.
    this.sql = {
      batches: db.prepare(BATCHES_SQL),
      shipped: db.prepare(SHIPPED_SQL),
      batchByLot: db.prepare("SELECT id FROM domain_batches WHERE lot = ?"),
      batchesOfIncoming: db.prepare(
        `SELECT DISTINCT bi.batch_id AS id FROM domain_incoming_lots i JOIN domain_batch_incoming bi ON bi.incoming_id = i.id
         WHERE i.raw_code = ? OR i.id = ?`,
      ),
      incoming: db.prepare(
        `SELECT id, raw_code AS rawCode, supplier, quantity, unit, received_at AS receivedAt FROM domain_incoming_lots
         WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      ),
    };
  }

  run(query: RecallQuery): RecallReport {
    const batchIds = this.batchIds(query);
    const ids = JSON.stringify(batchIds);
    const batches = this.sql.batches.all(ids) as Array<
      Omit<RecallBatch, "shipments" | "incomingIds"> & { id: number; incomingIds: string }
    >;
    const shipped = this.sql.shipped.all({ ids }) as Array<ShippedRow>;
    const byBatch = new Map<number, RecallShipment[]>();
    for (const r of shipped) {
      const list = byBatch.get(r.batchId) ?? [];
      list.push(shipmentOf(r));
      byBatch.set(r.batchId, list);
    }
    const incomingIds = new Set<number>();
    const out: RecallBatch[] = batches.map((b) => {
      const fromIncoming = (JSON.parse(b.incomingIds) as number[]).sort((x, y) => x - y);
      for (const id of fromIncoming) incomingIds.add(id);
      return {
        lot: b.lot,
        productName: b.productName,
        packedCount: b.packedCount,
        packedKg: round(b.packedKg),
        incomingIds: fromIncoming,
        shipments: byBatch.get(b.id) ?? [],
      };
    });
    return { query, incomingLots: this.incoming([...incomingIds]), batches: out, buyers: buyersOf(out) };
  }

  private batchIds(query: RecallQuery): number[] {
    if ("batch" in query) {
      const row = this.sql.batchByLot.get(query.batch) as { id: number } | undefined;
      return row ? [row.id] : [];
    }
    const code = query.incoming.trim();
    if (code === "") {
      throw new StationError("SHIPMENT_RECALL_QUERY", "来货批次码为空 / empty supplier lot", {});
    }
    const rows = this.sql.batchesOfIncoming.all(
      code,
      /^#\d+$/.test(code) ? Number(code.slice(1)) : -1,
    ) as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }

  private incoming(ids: number[]): RecallIncoming[] {
    if (ids.length === 0) return [];
    return this.sql.incoming.all(JSON.stringify(ids)) as RecallIncoming[];
  }
}

const BATCHES_SQL = `SELECT b.id, b.lot, p.name AS productName,
           (SELECT count(*) FROM domain_packages x WHERE x.batch_id = b.id AND x.state = 'accepted') AS packedCount,
           (SELECT coalesce(sum(x.net_kg), 0) FROM domain_packages x WHERE x.batch_id = b.id AND x.state = 'accepted') AS packedKg,
           (SELECT json_group_array(bi.incoming_id) FROM domain_batch_incoming bi WHERE bi.batch_id = b.id) AS incomingIds
         FROM domain_batches b JOIN domain_products p ON p.id = b.product_id
         WHERE b.id IN (SELECT value FROM json_each(?)) ORDER BY b.opened_at, b.id`;

const SHIPPED_SQL = `WITH per AS (
           SELECT sp.batch_id, sp.shipment_id, count(*) AS n, sum(sp.net_kg) AS kg FROM shipment_packages sp
             WHERE sp.batch_id IN (SELECT value FROM json_each(@ids)) GROUP BY sp.batch_id, sp.shipment_id
           UNION ALL
           SELECT sl.batch_id, sl.shipment_id, 0, sl.quantity_kg FROM shipment_lines sl
             WHERE sl.batch_id IN (SELECT value FROM json_each(@ids)))
         SELECT per.batch_id AS batchId, s.number, s.shipped_at AS shippedAt, s.vehicle_plate AS vehiclePlate,
           sum(per.n) AS packageCount, sum(per.kg) AS netKg, sb.id AS buyerId, sb.name, sb.id_number AS idNumber,
           sb.phone, sb.market, sb.address
         FROM per JOIN shipments s ON s.id = per.shipment_id JOIN shipment_buyers sb ON sb.id = s.buyer_id
         GROUP BY per.batch_id, per.shipment_id ORDER BY s.shipped_at, s.id`;

interface ShippedRow {
  batchId: number;
  number: string;
  shippedAt: number;
  vehiclePlate: string | null;
  packageCount: number;
  netKg: number;
  buyerId: number;
  name: string;
  idNumber: string | null;
  phone: string | null;
  market: string | null;
  address: string | null;
}

function shipmentOf(r: ShippedRow): RecallShipment {
  return {
    number: r.number,
    shippedAt: r.shippedAt,
    vehiclePlate: r.vehiclePlate,
    buyer: {
      id: r.buyerId,
      name: r.name,
      idNumber: r.idNumber,
      phone: r.phone,
      market: r.market,
      address: r.address,
    },
    packageCount: r.packageCount,
    netKg: round(r.netKg),
  };
}

function buyersOf(batches: readonly RecallBatch[]): RecallReport["buyers"] {
  const buyers = new Map<number, RecallReport["buyers"][number] & { numbers: Set<string> }>();
  for (const s of batches.flatMap((b) => b.shipments)) {
    const b = buyers.get(s.buyer.id) ?? { ...s.buyer, shipments: 0, netKg: 0, numbers: new Set<string>() };
    b.numbers.add(s.number);
    b.shipments = b.numbers.size;
    b.netKg = round(b.netKg + s.netKg);
    buyers.set(s.buyer.id, b);
  }
  return [...buyers.values()].map(({ numbers: _numbers, ...b }) => b);
}
