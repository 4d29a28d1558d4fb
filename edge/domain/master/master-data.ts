import "../../../broker/broker-codes.js";
import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { checkGtin } from "../../core/gtin.js";
import { StationError } from "../../core/station-error.js";
import { enqueueOutbox } from "../../store/outbox.js";
import { checkGreenFoodCode, checkOrganicCode } from "../codes/certification-codes.js";
import { requireCode } from "../codes/require-code.js";
import { checkSubjectId } from "../codes/subject-id.js";
import { notFound, validateRecord } from "../domain-error.js";
import type { Product, Site, Subject, SubjectIdKind } from "../records.js";
import { NewProduct, NewSite, NewSubject } from "../schemas.js";
import { PRODUCT_COLUMNS, SITE_COLUMNS, SUBJECT_COLUMNS } from "./master-records.js";

const SITE_SELECT = `SELECT ${SITE_COLUMNS.columnsOf("s")} FROM domain_sites s`;

/** The subject running the station, its products and its sites (with the devices on them). */
export class MasterData {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  setSubject(input: NewSubject): Subject {
    const s = validateRecord<NewSubject>(NewSubject, input, "主体 / subject");
    const idKind: SubjectIdKind = s.idKind ?? guessIdKind(s.idNumber);
    const check = checkSubjectId(idKind, s.idNumber);
    if (!check.ok)
      throw new StationError("DOMAIN_INVALID", `idNumber: ${check.reason}`, { field: "idNumber" });
    const now = this.now();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO domain_subject (id, name, kind, id_kind, id_number, address, origin_region, contact, updated_at)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
           id_kind = excluded.id_kind, id_number = excluded.id_number, address = excluded.address,
           origin_region = excluded.origin_region, contact = excluded.contact, updated_at = excluded.updated_at`,
          )
          .run(
            s.name,
            s.kind,
            idKind,
            s.idNumber,
            s.address ?? null,
            s.originRegion ?? null,
            s.contact ?? null,
            now,
          );
        const subject = this.subject() as Subject;
        enqueueOutbox(
          this.db,
          { stream: "master", recordId: `subject:${now}`, kind: "subject", payload: subject },
          now,
        );
      })
      .immediate();
    return this.subject() as Subject;
  }

  subject(): Subject | undefined {
    const row = this.db.prepare(`SELECT ${SUBJECT_COLUMNS.columns} FROM domain_subject WHERE id = 1`).get();
    return SUBJECT_COLUMNS.maybeRecord(row);
  }

  requireSubject(): Subject {
    const s = this.subject();
    if (!s) throw new StationError("DOMAIN_NO_SUBJECT", "尚未登记主体 / subject not set");
    return s;
  }

  /** Add or update a product. */
  putProduct(input: NewProduct): Product {
    const p = validateRecord<NewProduct>(NewProduct, input, "产品 / product");
    if (p.gtin) requireCode("gtin", p.gtin, checkGtin);
    if (p.greenCode) requireCode("greenCode", p.greenCode, checkGreenFoodCode);
    if (p.organicCode) requireCode("organicCode", p.organicCode, checkOrganicCode);
    const now = this.now();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO domain_products (id, name, category, crop, unit, gtin, green_code, organic_code, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,
           category = excluded.category, crop = excluded.crop, unit = excluded.unit, gtin = excluded.gtin,
           green_code = excluded.green_code, organic_code = excluded.organic_code, updated_at = excluded.updated_at`,
          )
          .run(
            p.id,
            p.name,
            p.category,
            p.crop ?? null,
            p.unit ?? "kg",
            p.gtin ?? null,
            p.greenCode ?? null,
            p.organicCode ?? null,
            now,
            now,
          );
        const product = this.product(p.id) as Product;
        enqueueOutbox(
          this.db,
          { stream: "master", recordId: `product:${p.id}:${now}`, kind: "product", payload: product },
          now,
        );
      })
      .immediate();
    return this.requireProduct(p.id);
  }

  product(id: string): Product | undefined {
    const row = this.db
      .prepare(`SELECT ${PRODUCT_COLUMNS.columns} FROM domain_products WHERE id = ?`)
      .get(id);
    return PRODUCT_COLUMNS.maybeRecord(row);
  }

  requireProduct(id: string): Product {
    const p = this.product(id);
    if (!p) throw notFound("产品 / product", id);
    return p;
  }

  products(): Product[] {
    return PRODUCT_COLUMNS.records(
      this.db.prepare(`SELECT ${PRODUCT_COLUMNS.columns} FROM domain_products ORDER BY id`).all(),
    );
  }

  /** Add or update a site. */
  putSite(input: NewSite): Site {
    const s = validateRecord<NewSite>(NewSite, input, "地块 / site");
    const now = this.now();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO domain_sites (id, name, kind, area, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, area = excluded.area, updated_at = excluded.updated_at`,
          )
          .run(s.id, s.name, s.kind, s.area ?? null, now, now);
        enqueueOutbox(
          this.db,
          { stream: "master", recordId: `site:${s.id}:${now}`, kind: "site", payload: s },
          now,
        );
      })
      .immediate();
    return this.requireSite(s.id);
  }

  site(id: string): Site | undefined {
    return SITE_COLUMNS.maybeRecord(this.db.prepare(`${SITE_SELECT} WHERE s.id = ?`).get(id));
  }

  requireSite(id: string): Site {
    const s = this.site(id);
    if (!s)
      throw new StationError("DOMAIN_UNKNOWN_SITE", `地块 ${id} 未登记 / site ${id} not registered`, {
        site: id,
      });
    return s;
  }

  sites(): Site[] {
    return SITE_COLUMNS.records(this.db.prepare(`${SITE_SELECT} ORDER BY s.id`).all());
  }

  /** Put a registered device on a site (devices.site), e.g. a greenhouse's air sensor. */
  placeDevice(deviceId: string, siteId: string): void {
    this.requireSite(siteId);
    const r = this.db.prepare("UPDATE devices SET site = ? WHERE id = ?").run(siteId, deviceId);
    if (r.changes === 0)
      throw new StationError("DEVICE_NOT_FOUND", `设备 ${deviceId} 不存在 / device not found`, {
        id: deviceId,
      });
  }
}

/** Without an explicit kind: 15 digits is a licence; 18 characters a credit code unless only an ID number's check passes. */
function guessIdKind(idNumber: string): SubjectIdKind {
  if (/^\d{15}$/.test(idNumber)) return "licence";
  if (!checkSubjectId("credit_code", idNumber).ok && checkSubjectId("id_card", idNumber).ok) return "id_card";
  return "credit_code";
}
