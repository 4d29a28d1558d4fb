import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../../core/station-error.js";
import { enqueueOutbox } from "../../store/outbox.js";
import type { BatchRecords } from "../batches/batch-records.js";
import type { IncomingLots } from "../batches/incoming-lots.js";
import type { PackageRecords } from "../batches/package-records.js";
import { formatCertificateNumber } from "../codes/lot-code.js";
import type { ComplianceGate, ComplianceResult } from "../compliance/compliance-gate.js";
import { originOf } from "../compliance/content-check.js";
import { nextCounter } from "../counters.js";
import { notFound, validateRecord } from "../domain-error.js";
import type { DomainEvents } from "../domain-events.js";
import type { MasterData } from "../master/master-data.js";
import type { Certificate, CertificateContent } from "../records.js";
import { IssueCertificate } from "../schemas.js";
import { type CertRow, CERT_SELECT as SELECT, toCertificate } from "./certificate-row.js";
import { COMMITMENT_TEXT } from "./commitment-text.js";

const DAY_MS = 86_400_000;

const WEIGHT_UNITS = new Set(["kg", "公斤", "千克", "g", "克", "t", "吨", "斤"]);
const isWeightUnit = (unit: string): boolean => WEIGHT_UNITS.has(unit.trim().toLowerCase());

export interface IssuedCertificate {
  certificate: Certificate;
  compliance: ComplianceResult;
}

/**
 * 承诺达标合格证: issued per closed batch after the compliance gate, numbered from a counter
 * row drawn in the issuing transaction (unique, never reused, across restarts and processes),
 * voided with a reason, reprints counted; records kept at least `retentionDays`.
 */
export class CertificateRecords {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      master: MasterData;
      batches: BatchRecords;
      packages: PackageRecords;
      compliance: ComplianceGate;
      incoming: IncomingLots;
      stationCode: string;
      retentionDays: number;
      now: () => number;
      events?: DomainEvents;
    },
  ) {}

  issue(input: IssueCertificate): IssuedCertificate {
    const req = validateRecord<IssueCertificate>(IssueCertificate, input, "合格证 / certificate");
    const { master, batches, packages, compliance } = this.deps;
    const now = this.deps.now();
    const issued = this.db
      .transaction((): IssuedCertificate => {
        const subject = master.requireSubject();
        const batch = batches.require(req.lot);
        if (batch.status !== "closed" || batch.harvestAt === null) {
          throw new StationError(
            "DOMAIN_BATCH_STATE",
            `批次 ${req.lot} 未关闭（需采收日期）/ close the batch with a harvest date first`,
            { lot: req.lot },
          );
        }
        const valid = this.forBatch(req.lot).find((c) => c.status !== "void");
        if (valid) {
          throw new StationError(
            "DOMAIN_BATCH_STATE",
            `批次 ${req.lot} 已有有效合格证 ${valid.number}：补打用 reprint，改开先作废 / batch already has valid certificate ${valid.number}: reprint it, or void it first`,
            { lot: req.lot, number: valid.number },
          );
        }
        const totals = packages.totals(req.lot);
        if (totals.count === 0) {
          throw new StationError("DOMAIN_NO_PACKAGES", `批次 ${req.lot} 没有包装 / batch has no packages`, {
            lot: req.lot,
          });
        }
        const style = req.style ?? subject.kind;
        const result = compliance.check(batch, req.basis, undefined, style);
        // What the certificate must say (产地, contact, sites, incoming lots) no override can supply.
        const missing = result.blocks.filter((b) => b.kind === "content");
        if (missing.length > 0) {
          throw new StationError("DOMAIN_CERT_CONTENT", missing.map((b) => b.message).join("\n"), {
            lot: req.lot,
            blocks: missing,
          });
        }
        let overrideId: number | null = null;
        if (!result.ok) {
          if (!req.override) {
            throw new StationError(
              "DOMAIN_COMPLIANCE_BLOCKED",
              result.blocks.map((b) => b.message).join("\n"),
              { lot: req.lot, blocks: result.blocks, earliestDay: result.earliestDay },
            );
          }
          overrideId = this.recordOverride(batch.id, req.lot, req.override, result, now, req.actor ?? null);
        }
        const product = master.requireProduct(batch.productId);
        // 数量（件数或重量）: products sold by the head or piece (头, 只, 箱) count packages;
        // everything else is the packages' total net weight in kilograms.
        const quantity = isWeightUnit(product.unit)
          ? { quantity: totals.netKg, unit: "kg" }
          : { quantity: totals.count, unit: product.unit };
        const number = formatCertificateNumber(this.deps.stationCode, nextCounter(this.db, "certificate"));
        const content: CertificateContent = {
          productName: product.name,
          ...quantity,
          packageCount: totals.count,
          origin: originOf(subject, style, this.deps.incoming.forBatch(req.lot)),
          subjectName: subject.name,
          contact: subject.contact,
          lot: batch.lot,
          nationalCode: batch.nationalCode,
          ...(batch.quarantineNo ? { quarantineNo: batch.quarantineNo } : {}),
          commitment: COMMITMENT_TEXT[style],
          gate: {
            list: result.list.version,
            vetList: result.vetList.version,
            synonyms: result.synonyms.version,
            retestPolicy: result.retestPolicy,
          },
        };
        this.db
          .prepare(
            `INSERT INTO domain_certificates (number, batch_id, style, basis, quantity, unit, package_count, content,
             status, reprint_count, override_id, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'valid', 0, ?, ?, ?)`,
          )
          .run(
            number,
            batch.id,
            style,
            JSON.stringify(req.basis),
            quantity.quantity,
            quantity.unit,
            totals.count,
            JSON.stringify(content),
            overrideId,
            req.issuedBy ?? null,
            req.issuedAt ?? now,
          );
        const certificate = this.require(number);
        enqueueOutbox(
          this.db,
          {
            stream: "certificates",
            recordId: `cert:${number}`,
            kind: "certificate.issued",
            payload: certificate,
          },
          now,
        );
        return { certificate, compliance: result };
      })
      .immediate();
    this.deps.events?.emit("certificate.issued", issued.certificate);
    return issued;
  }

  /** Void with a reason; `actor` is who did it (the request's identity: role/session, or the CLI user). */
  void(number: string, reason: string, actor: string | null = null): Certificate {
    if (reason.trim().length < 2) {
      throw new StationError("DOMAIN_INVALID", "作废需要原因 / a void needs a reason", { number });
    }
    const now = this.deps.now();
    this.db
      .transaction(() => {
        const cert = this.require(number);
        if (cert.status === "void")
          throw new StationError("DOMAIN_CERT_VOID", `合格证 ${number} 已作废 / already void`, { number });
        this.db
          .prepare(
            "UPDATE domain_certificates SET status = 'void', void_reason = ?, voided_at = ?, voided_by = ? WHERE number = ?",
          )
          .run(reason.trim(), now, actor, number);
        enqueueOutbox(
          this.db,
          {
            stream: "certificates",
            recordId: `cert:${number}:void`,
            kind: "certificate.void",
            payload: this.require(number),
          },
          now,
        );
      })
      .immediate();
    const voided = this.require(number);
    this.deps.events?.emit("certificate.void", voided);
    return voided;
  }

  /** Count a reprint (补打); returns the certificate with its new count. Void ones are refused. */
  reprint(number: string): Certificate {
    const now = this.deps.now();
    this.db
      .transaction(() => {
        const cert = this.require(number);
        if (cert.status === "void")
          throw new StationError("DOMAIN_CERT_VOID", `合格证 ${number} 已作废 / void`, { number });
        // A promise later records contradict is not printed again until a supervisor decides.
        if (cert.status === "review")
          throw new StationError(
            "DOMAIN_CERT_REVIEW",
            `合格证 ${number} 待复核，不能补打 / under review, not reprinted`,
            { number, reasons: cert.review?.reasons ?? [] },
          );
        const n = cert.reprintCount + 1;
        this.db.prepare("UPDATE domain_certificates SET reprint_count = ? WHERE number = ?").run(n, number);
        enqueueOutbox(
          this.db,
          {
            stream: "certificates",
            recordId: `cert:${number}:reprint:${n}`,
            kind: "certificate.reprint",
            payload: { number, reprintCount: n, at: now },
          },
          now,
        );
      })
      .immediate();
    const reprinted = this.require(number);
    this.deps.events?.emit("certificate.reprint", reprinted);
    return reprinted;
  }

  /** Delete a record older than the retention period; younger ones are refused (void them instead). */
  remove(number: string): void {
    const cert = this.require(number);
    const keepUntil = cert.issuedAt + this.deps.retentionDays * DAY_MS;
    if (this.deps.now() < keepUntil) {
      throw new StationError(
        "DOMAIN_CERT_RETENTION",
        `合格证 ${number} 须保存到 ${new Date(keepUntil).toISOString().slice(0, 10)} / kept until then`,
        { number, keepUntil },
      );
    }
    this.db.prepare("DELETE FROM domain_certificates WHERE number = ?").run(number);
  }

  get(number: string): Certificate | undefined {
    const row = this.db.prepare(`${SELECT} WHERE c.number = ?`).get(number) as CertRow | undefined;
    return row ? toCertificate(row) : undefined;
  }

  require(number: string): Certificate {
    const c = this.get(number);
    if (!c) throw notFound("合格证 / certificate", number);
    return c;
  }

  forBatch(lot: string): Certificate[] {
    return (this.db.prepare(`${SELECT} WHERE b.lot = ? ORDER BY c.id`).all(lot) as CertRow[]).map(
      toCertificate,
    );
  }

  list(limit = 100): Certificate[] {
    return (this.db.prepare(`${SELECT} ORDER BY c.id DESC LIMIT ?`).all(limit) as CertRow[]).map(
      toCertificate,
    );
  }

  private recordOverride(
    batchId: number,
    lot: string,
    override: NonNullable<IssueCertificate["override"]>,
    result: ComplianceResult,
    now: number,
    actor: string | null,
  ): number {
    const res = this.db
      .prepare(
        "INSERT INTO domain_overrides (batch_id, supervisor, actor, reason, blocks, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(batchId, override.supervisor, actor, override.reason, JSON.stringify(result.blocks), now);
    const id = Number(res.lastInsertRowid);
    enqueueOutbox(
      this.db,
      {
        stream: "certificates",
        recordId: `override:${id}`,
        kind: "compliance.override",
        payload: {
          id,
          lot,
          supervisor: override.supervisor,
          actor,
          reason: override.reason,
          blocks: result.blocks,
          at: now,
        },
      },
      now,
    );
    return id;
  }
}
