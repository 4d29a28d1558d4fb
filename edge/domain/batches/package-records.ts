import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { currentActor } from "../../audit/actor-context.js";
import { StationError } from "../../core/station-error.js";
import { enqueueOutbox } from "../../store/outbox.js";
import { notFound, validateRecord } from "../domain-error.js";
import type { DomainEvents } from "../domain-events.js";
import type { RecordOrigin } from "../inputs/input-records.js";
import { insertOnce } from "../insert-once.js";
import type { Package, PackageState } from "../records.js";
import { camelRows, maybeCamelRow } from "../row-mapping.js";
import { NewPackage } from "../schemas.js";
import type { BatchRecords } from "./batch-records.js";

const SELECT = `SELECT p.id, p.serial, b.lot, p.seq, p.net_kg, p.tare_kg, p.source, p.device_id, p.weighed_at,
  p.state, p.void_reason, p.voided_by, p.voided_at, p.packed_by FROM domain_packages p JOIN domain_batches b ON b.id = p.batch_id`;

/**
 * Packages weighed into a batch, one label each. Serial = lot + "-" + sequence in the batch
 * (at least 3 digits), e.g. `ST01-261122-0001-7-001`; `seq` alone is the GS1 AI 21 serial.
 */
export class PackageRecords {
  constructor(
    private readonly db: Database,
    private readonly batches: BatchRecords,
    private readonly now: () => number,
    private readonly events?: DomainEvents,
  ) {}

  /**
   * `state` "labelling" for a package whose label is being printed (the packing line accepts it
   * when the job is done); API and CLI packages are accepted at once.
   */
  add(
    lot: string,
    input: NewPackage,
    origin: RecordOrigin = { source: "api" },
    state: Exclude<PackageState, "voided"> = "accepted",
  ): Package {
    const p = validateRecord<NewPackage>(NewPackage, input, "包装 / package");
    const now = this.now();
    const { id, created } = insertOnce(this.db, {
      table: "domain_packages",
      messageId: origin.messageId,
      now,
      insert: () => {
        const batch = this.batches.require(lot);
        if (batch.status !== "open") {
          throw new StationError("DOMAIN_BATCH_STATE", `批次 ${lot} 已关闭，不能再称重 / batch is closed`, {
            lot,
          });
        }
        const { seq } = this.db
          .prepare("SELECT coalesce(max(seq), 0) + 1 AS seq FROM domain_packages WHERE batch_id = ?")
          .get(batch.id) as { seq: number };
        const serial = `${lot}-${String(seq).padStart(3, "0")}`;
        const res = this.db
          .prepare(
            `INSERT INTO domain_packages (serial, batch_id, seq, net_kg, tare_kg, source, device_id, message_id, weighed_at, state, packed_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            serial,
            batch.id,
            seq,
            p.netKg,
            p.tareKg ?? null,
            origin.source === "device" ? "scale" : "manual",
            origin.deviceId ?? null,
            origin.messageId ?? null,
            p.weighedAt,
            state,
            // Whoever the write runs as: the signed-in operator, the line's attendant, the CLI user.
            currentActor().name,
          );
        return Number(res.lastInsertRowid);
      },
      outbox: (newId) => {
        const payload = this.byId(newId) as Package;
        return { stream: "packages", recordId: `package:${payload.serial}`, kind: "package", payload };
      },
    });
    const pkg = this.byId(id) as Package;
    if (created) this.events?.emit("package", pkg, origin);
    return pkg;
  }

  byId(id: number): Package | undefined {
    return maybeCamelRow<Package>(this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id));
  }

  get(serial: string): Package | undefined {
    return maybeCamelRow<Package>(this.db.prepare(`${SELECT} WHERE p.serial = ?`).get(serial));
  }

  require(serial: string): Package {
    const p = this.get(serial);
    if (!p) throw notFound("包装 / package", serial);
    return p;
  }

  forBatch(lot: string): Package[] {
    return camelRows<Package>(this.db.prepare(`${SELECT} WHERE b.lot = ? ORDER BY p.seq`).all(lot));
  }

  /** The label printed: the package counts from now on. */
  accept(serial: string): Package {
    this.db
      .prepare("UPDATE domain_packages SET state = 'accepted' WHERE serial = ? AND state = 'labelling'")
      .run(serial);
    return this.require(serial);
  }

  /**
   * Remove a package from its batch's totals, with who and why; the void goes upward as its own
   * record in the same transaction (the receiver subtracts it). Voiding twice is refused.
   */
  void(serial: string, reason: string, by: string): Package {
    const text = reason.trim();
    if (!text) {
      throw new StationError("DOMAIN_INVALID", "作废须写明原因 / a void needs a reason", { serial });
    }
    const now = this.now();
    this.db
      .transaction(() => {
        const pkg = this.require(serial);
        if (pkg.state === "voided") {
          throw new StationError("DOMAIN_PACKAGE_VOIDED", `包装 ${serial} 已作废 / already voided`, {
            serial,
          });
        }
        this.db
          .prepare(
            "UPDATE domain_packages SET state = 'voided', void_reason = ?, voided_by = ?, voided_at = ? WHERE serial = ?",
          )
          .run(text, by, now, serial);
        enqueueOutbox(
          this.db,
          {
            stream: "packages",
            recordId: `package-void:${serial}`,
            kind: "package.voided",
            payload: { ...this.require(serial) },
          },
          now,
        );
      })
      .immediate();
    const voided = this.require(serial);
    this.events?.emit("package.voided", voided);
    return voided;
  }

  /** Total net weight and count of a batch's accepted packages (what its certificate states). */
  totals(lot: string): { count: number; netKg: number } {
    const r = this.db
      .prepare(
        "SELECT count(*) AS count, coalesce(sum(p.net_kg), 0) AS netKg FROM domain_packages p JOIN domain_batches b ON b.id = p.batch_id WHERE b.lot = ? AND p.state = 'accepted'",
      )
      .get(lot) as { count: number; netKg: number };
    return { count: r.count, netKg: Math.round(r.netKg * 1000) / 1000 };
  }
}
