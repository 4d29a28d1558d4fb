import "./shipment-codes.js";
import type { Database } from "better-sqlite3";
import { localDateTime } from "../core/local-day.js";
import { StationError } from "../core/station-error.js";
import type { BatchRecords } from "../domain/batches/batch-records.js";
import type { PackageRecords } from "../domain/batches/package-records.js";
import type { CertificateRecords } from "../domain/certificates/certificate-records.js";
import { nextCounter } from "../domain/counters.js";
import { validateRecord } from "../domain/domain-error.js";
import type { Package } from "../domain/records.js";
import type { Actor } from "../http/actor.js";
import { enqueueOutbox } from "../store/outbox.js";
import type { Buyers } from "./buyers.js";
import { serialsFromScan } from "./package-scan.js";
import type { ShipmentReader } from "./shipment-read.js";
import type { Shipment } from "./shipment-records-types.js";
import { NewShipment } from "./shipment-schemas.js";
import { checkPlate, normalisePlate } from "./vehicle-plate.js";

export interface ShipmentRecordDeps {
  db: Database;
  buyers: Buyers;
  reader: ShipmentReader;
  batches: BatchRecords;
  packages: PackageRecords;
  certificates: CertificateRecords;
  stationCode: string;
  /** The station's zone: a refusal names the earlier shipment's day as people there read it. */
  timeZone: string;
  now: () => number;
  /** Told after a shipment is committed (the kiosk's live stream). */
  onShipped?: (shipment: Shipment) => void;
}

/**
 * Writing a shipment (出库): buyer, packages from their label scans, quantities from batches,
 * certificates handed over, all in one IMMEDIATE transaction with its outbox entry, so a
 * second station process (the CLI) serialises on the write lock and a package is never taken
 * twice. A refusal names the record that stands in the way.
 */
export class ShipmentRecords {
  constructor(private readonly deps: ShipmentRecordDeps) {}

  /** The package a label scan names, or why it cannot ship (unknown, voided, already shipped). */
  resolveScan(scan: string): Package {
    const pkg = serialsFromScan(scan)
      .map((serial) => this.deps.packages.get(serial))
      .find((p): p is Package => p !== undefined);
    if (!pkg) {
      throw new StationError(
        "SHIPMENT_SCAN_UNREADABLE",
        `扫码内容不是本站的包装标签 / not a package label of this station: ${scan.slice(0, 80)}`,
        { scan: scan.slice(0, 200) },
      );
    }
    if (pkg.state !== "accepted") {
      throw new StationError(
        "SHIPMENT_PACKAGE_UNAVAILABLE",
        pkg.state === "voided"
          ? `包装 ${pkg.serial} 已作废，不能出库 / package ${pkg.serial} is voided`
          : `包装 ${pkg.serial} 的标签还没打完 / package ${pkg.serial} is still labelling`,
        { serial: pkg.serial, state: pkg.state },
      );
    }
    const earlier = this.deps.reader.shipmentOfPackage(pkg.id);
    if (earlier) {
      const day = localDateTime(earlier.shippedAt, this.deps.timeZone).slice(0, 10);
      throw new StationError(
        "SHIPMENT_PACKAGE_SHIPPED",
        `包装 ${pkg.serial} 已于 ${day} 随出库单 ${earlier.number} 发给 ${earlier.buyerName} / package ${pkg.serial} already shipped on ${day} in ${earlier.number} to ${earlier.buyerName}`,
        {
          serial: pkg.serial,
          shipment: earlier.number,
          buyer: earlier.buyerName,
          shippedAt: earlier.shippedAt,
        },
      );
    }
    return pkg;
  }

  create(input: NewShipment, actor: Actor): Shipment {
    const s = validateRecord<NewShipment>(NewShipment, input, "出库单 / shipment");
    const { db } = this.deps;
    const now = this.deps.now();
    const plate = s.vehiclePlate?.trim() ? normalisePlate(s.vehiclePlate) : null;
    if (plate !== null) {
      const check = checkPlate(plate);
      if (!check.ok) throw new StationError("SHIPMENT_VEHICLE_INVALID", check.reason, { plate });
    }
    if (s.scans.length === 0 && s.lines.length === 0) {
      throw new StationError("SHIPMENT_EMPTY", "出库单没有货物 / the shipment lists nothing", {});
    }
    const id = db
      .transaction((): number => {
        const buyer = s.buyerId !== undefined ? this.deps.buyers.require(s.buyerId) : this.buyerFrom(s);
        // A scanner that reads one label twice sends it twice: one package, shipped once.
        const packages = new Map<number, Package>();
        for (const scan of s.scans) {
          const pkg = this.resolveScan(scan);
          packages.set(pkg.id, pkg);
        }
        // Two entries of one batch are one line of their sum (one row per batch and shipment).
        const perLot = new Map<string, number>();
        for (const l of s.lines) perLot.set(l.lot, (perLot.get(l.lot) ?? 0) + l.quantityKg);
        const lines = [...perLot].map(([lot, quantityKg]) => ({
          batch: this.deps.batches.require(lot),
          quantityKg: Math.round(quantityKg * 1000) / 1000,
        }));
        for (const line of lines) this.checkStock(line.batch.lot, line.quantityKg, [...packages.values()]);
        const lots = new Set([...[...packages.values()].map((p) => p.lot), ...lines.map((l) => l.batch.lot)]);
        const certificates = s.certificates.map((number) => this.deps.certificates.require(number));
        for (const c of certificates) {
          if (c.status === "void" || !lots.has(c.lot)) {
            throw new StationError(
              "SHIPMENT_CERTIFICATE_MISMATCH",
              c.status === "void"
                ? `合格证 ${c.number} 已作废 / certificate ${c.number} is void`
                : `合格证 ${c.number} 属于批次 ${c.lot}，本单没有此批次 / certificate ${c.number} is of batch ${c.lot}, not shipped here`,
              { number: c.number, lot: c.lot },
            );
          }
        }
        const number = `${this.deps.stationCode}-CK${String(nextCounter(db, "shipment")).padStart(6, "0")}`;
        const res = db
          .prepare(
            `INSERT INTO shipments (number, buyer_id, shipped_at, vehicle_plate, note, actor_id, actor_name, actor_role, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            number,
            buyer.id,
            s.shippedAt,
            plate,
            s.note?.trim() || null,
            actor.id,
            actor.name,
            actor.role,
            now,
          );
        const shipmentId = Number(res.lastInsertRowid);
        const addPackage = db.prepare(
          "INSERT INTO shipment_packages (shipment_id, package_id, batch_id, net_kg) VALUES (?, ?, (SELECT batch_id FROM domain_packages WHERE id = ?), ?)",
        );
        for (const p of packages.values()) addPackage.run(shipmentId, p.id, p.id, p.netKg);
        const addLine = db.prepare(
          "INSERT INTO shipment_lines (shipment_id, batch_id, quantity_kg) VALUES (?, ?, ?)",
        );
        for (const l of lines) addLine.run(shipmentId, l.batch.id, l.quantityKg);
        const addCert = db.prepare(
          "INSERT INTO shipment_certificates (shipment_id, certificate_number) VALUES (?, ?)",
        );
        for (const c of certificates) addCert.run(shipmentId, c.number);
        this.deps.buyers.touch(buyer.id);
        const shipment = this.deps.reader.byId(shipmentId) as Shipment;
        enqueueOutbox(
          db,
          { stream: "shipments", recordId: `shipment:${number}`, kind: "shipment", payload: shipment },
          now,
        );
        return shipmentId;
      })
      .immediate();
    const shipment = this.deps.reader.byId(id) as Shipment;
    this.deps.onShipped?.(shipment);
    return shipment;
  }

  private buyerFrom(s: NewShipment) {
    if (!s.buyer) {
      throw new StationError("SHIPMENT_BUYER_INVALID", "请选择或填写购货方 / pick or type the buyer", {
        field: "buyer",
      });
    }
    return this.deps.buyers.put(s.buyer);
  }

  private checkStock(lot: string, quantityKg: number, scanned: readonly Package[]): void {
    const stock = this.deps.reader.stock(lot);
    const alsoNow = scanned.filter((p) => p.lot === lot).reduce((sum, p) => sum + p.netKg, 0);
    const left = Math.round((stock.remainingKg - alsoNow) * 1000) / 1000;
    if (quantityKg > left + 1e-9) {
      throw new StationError(
        "SHIPMENT_STOCK_SHORT",
        `批次 ${lot} 只剩 ${left} kg，不能出库 ${quantityKg} kg / batch ${lot} has ${left} kg left, not ${quantityKg} kg`,
        { lot, remainingKg: left, quantityKg },
      );
    }
  }
}
