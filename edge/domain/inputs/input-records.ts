import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../../core/station-error.js";
import { matchesRegistrationSuffix, registrationSuffixFromLabelQr } from "../codes/pesticide-label-qr.js";
import { checkRegistrationNumber } from "../codes/registration-number.js";
import { validateRecord } from "../domain-error.js";
import type { DomainEvents } from "../domain-events.js";
import { insertOnce } from "../insert-once.js";
import type { MasterData } from "../master/master-data.js";
import type { InputRecord, RecordSource } from "../records.js";
import { camelRows, maybeCamelRow } from "../row-mapping.js";
import { NewInput } from "../schemas.js";

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
  ) {}

  /** Validate and store one record with its outbox entry. Throws DOMAIN_* errors with the reason. */
  add(input: NewInput, origin: RecordOrigin = { source: "api" }): AddedInput {
    const r = validateRecord<NewInput>(NewInput, input, "投入品记录 / input record");
    this.master.requireSite(r.siteId);
    let regNoStatus: InputRecord["regNoStatus"] = "none";
    let warning: string | undefined;
    const regNo = r.regNo?.trim() ? r.regNo.trim().toUpperCase() : null;
    // Only pesticide numbers have a national format (农药登记证号); 兽药批准文号 and fertilizer
    // registrations vary by province and are kept as typed.
    if (regNo && r.kind === "pesticide") {
      const check = checkRegistrationNumber(regNo);
      if (!check.ok) throw new StationError("DOMAIN_INVALID_REG_NO", check.reason, { regNo });
      regNoStatus = check.warning ? "legacy" : "valid";
      warning = check.warning;
    } else if (regNo) regNoStatus = "valid";
    const now = this.now();
    const { id, created } = insertOnce(this.db, {
      table: "domain_inputs",
      messageId: origin.messageId,
      now,
      insert: () => {
        const res = this.db
          .prepare(
            `INSERT INTO domain_inputs (source, message_id, device_id, site_id, kind, name, reg_no, reg_no_status,
           active_ingredient, dose, amount, unit, method, interval_days, operator, crop, target, applied_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
          );
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
    return maybeCamelRow<InputRecord>(this.db.prepare(`${SELECT} WHERE id = ?`).get(id));
  }

  /** Inputs on the given sites applied in [from, to] (inclusive), oldest first. */
  forSites(siteIds: readonly string[], from: number, to: number): InputRecord[] {
    if (siteIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `${SELECT} WHERE site_id IN (SELECT value FROM json_each(?)) AND applied_at BETWEEN ? AND ? ORDER BY applied_at, id`,
      )
      .all(JSON.stringify(siteIds), from, to);
    return camelRows<InputRecord>(rows);
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
    const last = camelRows<InputRecord>(rows).find((r) => matchesRegistrationSuffix(r.regNo, suffix));
    if (!last) return undefined;
    return {
      kind: "pesticide",
      name: last.name,
      regNo: last.regNo ?? undefined,
      activeIngredient: last.activeIngredient ?? undefined,
      dose: last.dose ?? undefined,
      unit: last.unit,
      method: last.method ?? undefined,
      intervalDays: last.intervalDays,
    };
  }

  list(limit = 100): InputRecord[] {
    return camelRows<InputRecord>(
      this.db.prepare(`${SELECT} ORDER BY applied_at DESC, id DESC LIMIT ?`).all(limit),
    );
  }
}

const SELECT = `SELECT id, source, device_id, site_id, kind, name, reg_no, reg_no_status, active_ingredient, dose,
  amount, unit, method, interval_days, operator, crop, target, applied_at FROM domain_inputs`;
