import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../../core/station-error.js";
import { matchesRegistrationSuffix, registrationSuffixFromLabelQr } from "../codes/pesticide-label-qr.js";
import { checkRegistrationNumber } from "../codes/registration-number.js";
import { validateRecord } from "../domain-error.js";
import type { DomainEvents } from "../domain-events.js";
import { insertOnce } from "../insert-once.js";
import type { MasterData } from "../master/master-data.js";
import type { AnimalUse, InputRecord, RecordSource } from "../records.js";
import { camelRow } from "../row-mapping.js";
import { NewInput } from "../schemas.js";
import { type InputProducts, splitIngredients } from "./input-products.js";

export interface RecordOrigin {
  source: RecordSource;
  deviceId?: string | null;
  /** The stored device message it was derived from; makes a replay idempotent. */
  messageId?: number | null;
}

export interface AddedInput {
  record: InputRecord;
  /** Set when a legacy registration form was accepted. */
  warning?: string;
}

/** Input-use records (投入品使用记录): pesticide, fertilizer, veterinary drug, feed. */
export class InputRecords {
  constructor(
    private readonly db: Database,
    private readonly master: MasterData,
    private readonly now: () => number,
    private readonly events?: DomainEvents,
    private readonly products?: InputProducts,
    private readonly timezone = "Asia/Shanghai",
  ) {}

  /** Validate and store one record with its outbox entry. Throws DOMAIN_* errors with the reason. */
  add(input: NewInput, origin: RecordOrigin = { source: "api" }): AddedInput {
    const r = validateRecord<NewInput>(NewInput, input, "投入品记录 / input record");
    this.master.requireSite(r.siteId);
    let regNoStatus: InputRecord["regNoStatus"] = "none";
    let warning: string | undefined;
    const regNo = this.regNoFromLabel(r) ?? (r.regNo?.trim() ? r.regNo.trim().toUpperCase() : null);
    // Only pesticide numbers have a national format (农药登记证号); 兽药批准文号 and fertilizer
    // registrations vary by province and are kept as typed. A 药肥 carries a pesticide number.
    if (regNo && (r.kind === "pesticide" || /^(PD|LS|WP|WL)\d/.test(regNo))) {
      const check = checkRegistrationNumber(regNo, r.appliedAt, this.timezone);
      if (!check.ok) throw new StationError("DOMAIN_INVALID_REG_NO", check.reason, { regNo });
      regNoStatus = check.warning ? "legacy" : "valid";
      warning = check.warning;
    } else if (regNo) regNoStatus = "valid";
    const animal: AnimalUse | null =
      r.withdrawal || r.notForLayers !== undefined || r.notForLactating !== undefined
        ? {
            ...(r.withdrawal ? { withdrawal: r.withdrawal } : {}),
            ...(r.notForLayers !== undefined ? { notForLayers: r.notForLayers } : {}),
            ...(r.notForLactating !== undefined ? { notForLactating: r.notForLactating } : {}),
          }
        : null;
    const now = this.now();
    const { id, created } = insertOnce(this.db, {
      table: "domain_inputs",
      messageId: origin.messageId,
      now,
      insert: () => {
        const res = this.db
          .prepare(
            `INSERT INTO domain_inputs (source, message_id, device_id, site_id, kind, name, reg_no, reg_no_status,
           active_ingredient, dose, amount, unit, method, interval_days, operator, crop, target, applied_at, created_at,
           label_qr, animal)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            origin.source,
            origin.messageId ?? null,
            origin.deviceId ?? null,
            r.siteId,
            r.kind,
            r.name,
            regNo,
            regNoStatus,
            r.activeIngredient ?? null,
            r.dose ?? null,
            r.amount,
            r.unit,
            r.method ?? null,
            r.intervalDays,
            r.operator,
            r.crop ?? null,
            r.target ?? null,
            r.appliedAt,
            now,
            r.labelQr ?? null,
            animal ? JSON.stringify(animal) : null,
          );
        // A registration number seen with its ingredients is described once and reused.
        if (regNo && r.activeIngredient)
          this.products?.learn({
            regNo,
            name: r.name,
            kind: r.kind,
            ingredients: splitIngredients(r.activeIngredient),
          });
        return Number(res.lastInsertRowid);
      },
      outbox: (newId) => {
        const record = this.get(newId) as InputRecord;
        return {
          stream: "inputs",
          recordId: `input:${newId}`,
          kind: "input",
          payload: warning ? { ...record, warning } : record,
        };
      },
    });
    const record = this.get(id) as InputRecord;
    if (created) this.events?.emit("input", record);
    return warning ? { record, warning } : { record };
  }

  get(id: number): InputRecord | undefined {
    const row = this.db.prepare(`${SELECT} WHERE id = ?`).get(id);
    return row ? toInput(row) : undefined;
  }

  /**
   * The registration number a scanned label QR stands for: the registry entry (or an earlier
   * record) whose number ends in the six digits the QR carries. A QR that is not a label code,
   * or that contradicts a typed number, is refused with the reason.
   */
  private regNoFromLabel(r: NewInput): string | null {
    if (!r.labelQr) return null;
    const suffix = registrationSuffixFromLabelQr(r.labelQr);
    if (!suffix) {
      throw new StationError(
        "DOMAIN_INVALID_LABEL_QR",
        `不是农药标签二维码（应含 32 位数字）：${r.labelQr.slice(0, 64)} / not a pesticide label QR (32 digits)`,
        { labelQr: r.labelQr },
      );
    }
    const typed = r.regNo?.trim().toUpperCase();
    if (typed) {
      if (!matchesRegistrationSuffix(typed, suffix)) {
        throw new StationError(
          "DOMAIN_INVALID_LABEL_QR",
          `标签二维码的登记证号尾号 ${suffix} 与填写的 ${typed} 不符 / label QR says …${suffix}, typed ${typed}`,
          { labelQr: r.labelQr, regNo: typed },
        );
      }
      return typed;
    }
    const known = this.products?.bySuffix(suffix)[0]?.regNo ?? this.prefillFromLabelQr(r.labelQr)?.regNo;
    if (!known) {
      throw new StationError(
        "DOMAIN_INVALID_LABEL_QR",
        `标签二维码尾号 ${suffix} 的登记证号未登记：请同时填写登记证号和有效成分 / registration …${suffix} unknown: give the number and ingredients once`,
        { labelQr: r.labelQr, suffix },
      );
    }
    return known;
  }

  /** Inputs on the given sites applied in [from, to] (inclusive), oldest first. */
  forSites(siteIds: readonly string[], from: number, to: number): InputRecord[] {
    if (siteIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `${SELECT} WHERE site_id IN (SELECT value FROM json_each(?)) AND applied_at BETWEEN ? AND ? ORDER BY applied_at, id`,
      )
      .all(JSON.stringify(siteIds), from, to);
    return rows.map(toInput);
  }

  /**
   * Pre-fill an input record from a scanned pesticide label QR: the most recent record of the
   * same product (matched on the registration digits the QR carries), without site, amount,
   * operator and time, which belong to the new application. Undefined when nothing matches.
   */
  prefillFromLabelQr(content: string): Partial<NewInput> | undefined {
    const suffix = registrationSuffixFromLabelQr(content);
    if (!suffix) return undefined;
    const rows = this.db
      .prepare(
        `${SELECT} WHERE kind = 'pesticide' AND reg_no IS NOT NULL AND reg_no LIKE ? ORDER BY applied_at DESC, id DESC`,
      )
      .all(`%${suffix}`);
    const product = this.products?.bySuffix(suffix)[0];
    const last = rows.map(toInput).find((r) => matchesRegistrationSuffix(r.regNo, suffix));
    if (!last && !product) return undefined;
    // The registry describes the product; the last record adds how it was used (dose, interval).
    return {
      ...(last
        ? {
            kind: last.kind,
            name: last.name,
            regNo: last.regNo ?? undefined,
            activeIngredient: last.activeIngredient ?? undefined,
            dose: last.dose ?? undefined,
            unit: last.unit,
            method: last.method ?? undefined,
            intervalDays: last.intervalDays,
          }
        : {}),
      ...(product
        ? {
            kind: product.kind,
            name: product.name,
            regNo: product.regNo,
            activeIngredient: product.ingredients.join("+"),
          }
        : {}),
    };
  }

  list(limit = 100): InputRecord[] {
    return this.db.prepare(`${SELECT} ORDER BY applied_at DESC, id DESC LIMIT ?`).all(limit).map(toInput);
  }
}

const SELECT = `SELECT id, source, device_id, site_id, kind, name, reg_no, reg_no_status, active_ingredient, dose,
  amount, unit, method, interval_days, operator, crop, target, applied_at, label_qr, animal FROM domain_inputs`;

function toInput(row: unknown): InputRecord {
  const r = camelRow<InputRecord & { animal: string | null }>(row as Record<string, unknown>);
  return { ...r, animal: r.animal ? (JSON.parse(r.animal) as AnimalUse) : null };
}
