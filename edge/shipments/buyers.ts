import "./shipment-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../core/station-error.js";
import { notFound, validateRecord } from "../domain/domain-error.js";
import { buyerIdKind, checkBuyerId, checkPhone, normalisePhone } from "./buyer-checks.js";
import type { Buyer } from "./shipment-records-types.js";
import { NewBuyer } from "./shipment-schemas.js";

export interface BuyerRow {
  id: number;
  name: string;
  id_kind: Buyer["idKind"];
  id_number: string | null;
  phone: string | null;
  market: string | null;
  address: string | null;
  needs_certificate: number;
  created_at: number;
  updated_at: number;
}

const SELECT =
  "SELECT id, name, id_kind, id_number, phone, market, address, needs_certificate, created_at, updated_at FROM shipment_buyers";

export function buyerOf(row: BuyerRow): Buyer {
  return {
    id: row.id,
    name: row.name,
    idKind: row.id_kind,
    idNumber: row.id_number,
    phone: row.phone,
    market: row.market,
    address: row.address,
    needsCertificate: row.needs_certificate === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The buyers register (购货方登记): a buyer typed once is picked next time. A buyer with a
 * credit code or ID number is one row per number, so typing the same number again updates
 * that buyer instead of making a second; the number and phone are validated before storing.
 */
export class Buyers {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  /** Register a buyer or update the one with the same ID number; returns it. */
  put(input: NewBuyer): Buyer {
    const b = validateRecord<NewBuyer>(NewBuyer, input, "购货方 / buyer");
    const fields = checkedFields(b);
    const now = this.now();
    const existing =
      fields.idNumber !== null
        ? (this.db.prepare("SELECT id FROM shipment_buyers WHERE id_number = ?").get(fields.idNumber) as
            | { id: number }
            | undefined)
        : (this.db
            .prepare("SELECT id FROM shipment_buyers WHERE id_number IS NULL AND name = ? AND phone IS ?")
            .get(fields.name, fields.phone) as { id: number } | undefined);
    const values = [
      fields.name,
      fields.idKind,
      fields.idNumber,
      fields.phone,
      fields.market,
      fields.address,
      fields.needsCertificate ? 1 : 0,
    ];
    if (existing) {
      this.db
        .prepare(
          "UPDATE shipment_buyers SET name = ?, id_kind = ?, id_number = ?, phone = ?, market = ?, address = ?, needs_certificate = ?, updated_at = ? WHERE id = ?",
        )
        .run(...values, now, existing.id);
      return this.require(existing.id);
    }
    const res = this.db
      .prepare(
        "INSERT INTO shipment_buyers (name, id_kind, id_number, phone, market, address, needs_certificate, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(...values, now, now);
    return this.require(Number(res.lastInsertRowid));
  }

  get(id: number): Buyer | undefined {
    const row = this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as BuyerRow | undefined;
    return row ? buyerOf(row) : undefined;
  }

  require(id: number): Buyer {
    const b = this.get(id);
    if (!b) throw notFound("购货方 / buyer", id);
    return b;
  }

  /** Buyers whose name, market or number contains `text`, most recently used first. */
  search(text = "", limit = 50): Buyer[] {
    const like = `%${text.trim()}%`;
    const rows = this.db
      .prepare(
        `${SELECT} WHERE name LIKE ? OR market LIKE ? OR id_number LIKE ? ORDER BY updated_at DESC, id DESC LIMIT ?`,
      )
      .all(like, like, like, limit) as BuyerRow[];
    return rows.map(buyerOf);
  }

  /** Mark a buyer as used now, so the kiosk lists it first. */
  touch(id: number): void {
    this.db.prepare("UPDATE shipment_buyers SET updated_at = ? WHERE id = ?").run(this.now(), id);
  }
}

function checkedFields(b: NewBuyer) {
  const fail = (message: string, field: string): never => {
    throw new StationError("SHIPMENT_BUYER_INVALID", message, { field });
  };
  const name = b.name.trim();
  if (name === "") fail("购货方名称不能为空 / buyer name is empty", "name");
  const idNumber = b.idNumber?.trim().toUpperCase() || null;
  let idKind: Buyer["idKind"] = null;
  if (idNumber !== null) {
    idKind = b.idKind ?? buyerIdKind(idNumber);
    const check = checkBuyerId(idKind, idNumber);
    if (!check.ok) fail(`证件号 ${idNumber}：${check.reason}`, "idNumber");
  }
  const phone = b.phone?.trim() ? normalisePhone(b.phone) : null;
  if (phone !== null) {
    const check = checkPhone(phone);
    if (!check.ok) fail(`电话 ${phone}：${check.reason}`, "phone");
  }
  const market = b.market?.trim() || null;
  const address = b.address?.trim() || null;
  if (market === null && address === null)
    fail("请填写批发市场或地址 / give the market or the address", "market");
  return { name, idKind, idNumber, phone, market, address, needsCertificate: b.needsCertificate ?? false };
}
