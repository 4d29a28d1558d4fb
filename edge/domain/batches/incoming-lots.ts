import type { Database } from "better-sqlite3";
import { notFound, validateRecord } from "../domain-error.js";
import type { DomainEvents } from "../domain-events.js";
import type { RecordOrigin } from "../inputs/input-records.js";
import { insertOnce } from "../insert-once.js";
import type { IncomingLot } from "../records.js";
import { camelRows, maybeCamelRow } from "../row-mapping.js";
import { NewIncoming } from "../schemas.js";

/**
 * What a scanned or typed supplier code looks like. The national 追溯码 has no public format
 * (DOMAIN.md §3), so this is a hint for people, never a rule; the raw content is always kept.
 */
export function classifyCode(raw: string): string {
  const code = raw.trim();
  if (/^https?:\/\/[^/]+\/(.*\/)?01\/\d{14}/.test(code)) return "gs1_digital_link";
  // A pesticide bottle's 32-digit label QR (农业部公告第2579号) names an input, not a supplier lot.
  if (/(^|\D)\d{32}$/.test(code)) return "pesticide_label_qr";
  if (/^https?:\/\//i.test(code)) return "url";
  if (/^\d{18,40}$/.test(code)) return "national_trace_code";
  // 15 digits name an animal: a national ear tag (畜禽标识和养殖档案管理办法 第八条, also
  // written 2-630121-00012345) or an ISO 11784 RFID code; the sale screen takes it (edge/livestock).
  if (/^\d{15}$/.test(code.replace(/[\s-]/g, ""))) return "animal_tag";
  if (/^[A-Z0-9]{2,8}-HG\d{6,}-[0-9A-Z]$/.test(code)) return "certificate_number";
  if (/^[A-Z0-9]{2,8}-\d{6}-\d{4,}-[0-9A-Z]$/.test(code)) return "lot_code";
  return "other";
}

/**
 * Incoming lots (来货批次) for buyers and packing houses. Every scan is stored as a candidate
 * (the scanner does not know whether the station is receiving); it becomes "received" when a
 * person confirms it or links it to a packed batch.
 */
export class IncomingLots {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly events?: DomainEvents,
  ) {}

  add(
    input: NewIncoming,
    origin: RecordOrigin = { source: "api" },
    status: IncomingLot["status"] = "candidate",
  ): IncomingLot {
    const i = validateRecord<NewIncoming>(NewIncoming, input, "来货批次 / incoming lot");
    const now = this.now();
    const { id, created } = insertOnce(this.db, {
      table: "domain_incoming_lots",
      messageId: origin.messageId,
      now,
      insert: () => {
        const res = this.db
          .prepare(
            `INSERT INTO domain_incoming_lots (raw_code, code_kind, status, supplier, quantity, unit, origin, device_id, message_id, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            i.rawCode,
            classifyCode(i.rawCode),
            status,
            i.supplier ?? null,
            i.quantity ?? null,
            i.unit ?? null,
            i.origin ?? null,
            origin.deviceId ?? null,
            origin.messageId ?? null,
            i.receivedAt,
          );
        return Number(res.lastInsertRowid);
      },
      outbox: (newId) => ({
        stream: "incoming",
        recordId: `incoming:${newId}`,
        kind: "incoming_lot",
        payload: this.get(newId),
      }),
    });
    const lot = this.get(id) as IncomingLot;
    if (created) this.events?.emit("incoming", lot);
    return lot;
  }

  /** Confirm a candidate as received, with the supplier and quantity a person read off the papers. */
  receive(
    id: number,
    details: { supplier?: string; quantity?: number; unit?: string; origin?: string } = {},
  ): IncomingLot {
    const r = this.db
      .prepare(
        "UPDATE domain_incoming_lots SET status = 'received', supplier = coalesce(?, supplier), quantity = coalesce(?, quantity), unit = coalesce(?, unit), origin = coalesce(?, origin) WHERE id = ?",
      )
      .run(
        details.supplier ?? null,
        details.quantity ?? null,
        details.unit ?? null,
        details.origin ?? null,
        id,
      );
    if (r.changes === 0) throw notFound("来货批次 / incoming lot", id);
    return this.get(id) as IncomingLot;
  }

  get(id: number): IncomingLot | undefined {
    return maybeCamelRow<IncomingLot>(this.db.prepare(`${SELECT} WHERE id = ?`).get(id));
  }

  forBatch(lot: string): IncomingLot[] {
    const rows = this.db
      .prepare(
        `${SELECT} WHERE id IN (SELECT bi.incoming_id FROM domain_batch_incoming bi JOIN domain_batches b ON b.id = bi.batch_id WHERE b.lot = ?) ORDER BY id`,
      )
      .all(lot);
    return camelRows<IncomingLot>(rows);
  }

  list(filter: { status?: IncomingLot["status"]; limit?: number } = {}): IncomingLot[] {
    const rows = this.db
      .prepare(`${SELECT} WHERE (? IS NULL OR status = ?) ORDER BY id DESC LIMIT ?`)
      .all(filter.status ?? null, filter.status ?? null, filter.limit ?? 100);
    return camelRows<IncomingLot>(rows);
  }
}

const SELECT =
  "SELECT id, raw_code, code_kind, status, supplier, quantity, unit, origin, device_id, received_at FROM domain_incoming_lots";
