import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../../core/station-error.js";
import { enqueueOutbox } from "../../store/outbox.js";
import type { BatchRecords } from "../batches/batch-records.js";
import type { ComplianceBlock, ComplianceGate } from "../compliance/compliance-gate.js";
import type { DomainEvents } from "../domain-events.js";
import type { Certificate, CertificateReview } from "../records.js";
import type { CertificateRecords } from "./certificate-records.js";

/** A block's identity across checks: the same input, test or substance gives the same key. */
export function blockKey(b: unknown): string {
  const o = b as Record<string, unknown>;
  return [o.kind, o.inputId ?? o.testId ?? o.field ?? o.basis ?? "", o.substance ?? ""].join(":");
}

/**
 * A certificate follows later evidence (DESIGN.md "Records": valid, 待复核, voided). When an
 * input, test or correction recorded after issuance would have blocked it, it becomes 待复核
 * with the reasons, a record goes upward, and a supervisor clears it with a reason or voids it.
 * Blocks a supervisor already overrode, or cleared in an earlier review, do not flag it again.
 */
export class CertificateReviews {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      certificates: CertificateRecords;
      batches: BatchRecords;
      compliance: ComplianceGate;
      now: () => number;
      events?: DomainEvents;
    },
  ) {}

  /** Re-check the valid certificates a new record can concern (its site, or its lot). */
  recheck(scope: { siteId?: string | null; lot?: string | null; at?: number }): Certificate[] {
    // A record dated after a batch's harvest cannot concern that batch: only batches harvested
    // on or after it are re-checked (a greenhouse with a year of certificates stays cheap).
    const rows = this.db
      .prepare(
        `SELECT DISTINCT c.number FROM domain_certificates c JOIN domain_batches b ON b.id = c.batch_id
         WHERE c.status = 'valid'
           AND (b.lot = ? OR (c.batch_id IN (SELECT batch_id FROM domain_batch_sites WHERE site_id = ?)
                AND (? IS NULL OR b.harvest_at IS NULL OR b.harvest_at >= ?)))`,
      )
      .all(scope.lot ?? null, scope.siteId ?? null, scope.at ?? null, scope.at ?? null) as Array<{
      number: string;
    }>;
    const flagged: Certificate[] = [];
    for (const { number } of rows) {
      const cert = this.deps.certificates.require(number);
      const batch = this.deps.batches.require(cert.lot);
      const result = this.deps.compliance.check(batch, cert.basis, undefined, cert.style);
      const accepted = new Set([
        ...(cert.override?.blocks ?? []).map(blockKey),
        ...(cert.reviewCleared ? clearedKeys(cert) : []),
      ]);
      // Content is frozen on the certificate at issue time; later master-data edits do not change it.
      const fresh = result.blocks.filter((b) => b.kind !== "content" && !accepted.has(blockKey(b)));
      if (fresh.length === 0) continue;
      const known = new Set((cert.review?.blocks ?? []).map(blockKey));
      if (fresh.every((b) => known.has(blockKey(b)))) continue;
      flagged.push(this.flag(cert, fresh));
    }
    return flagged;
  }

  /** A supervisor's decision that the certificate stands: recorded with who and why. */
  clear(number: string, reason: string, actor: string | null): Certificate {
    if (reason.trim().length < 4) {
      throw new StationError(
        "DOMAIN_OVERRIDE_INVALID",
        "解除待复核需要不少于 4 个字的原因 / a reason is needed",
        {
          number,
        },
      );
    }
    const now = this.deps.now();
    this.db
      .transaction(() => {
        const cert = this.deps.certificates.require(number);
        if (cert.status !== "review") {
          throw new StationError("DOMAIN_CERT_REVIEW", `合格证 ${number} 不在待复核状态 / not under review`, {
            number,
            status: cert.status,
          });
        }
        const review = cert.review as CertificateReview;
        const cleared = {
          actor: actor ?? "unknown",
          reason: reason.trim(),
          at: now,
          reasons: review.reasons,
          keys: [...clearedKeys(cert), ...review.blocks.map(blockKey)],
        };
        this.db
          .prepare("UPDATE domain_certificates SET review = NULL, review_cleared = ? WHERE number = ?")
          .run(JSON.stringify(cleared), number);
        enqueueOutbox(
          this.db,
          {
            stream: "certificates",
            recordId: `cert:${number}:review-cleared:${now}`,
            kind: "certificate.review_cleared",
            payload: { number, ...cleared },
          },
          now,
        );
      })
      .immediate();
    const done = this.deps.certificates.require(number);
    this.deps.events?.emit("certificate.review", done);
    return done;
  }

  private flag(cert: Certificate, blocks: ComplianceBlock[]): Certificate {
    const now = this.deps.now();
    const review: CertificateReview = { reasons: blocks.map((b) => b.message), blocks, since: now };
    this.db
      .transaction(() => {
        this.db
          .prepare("UPDATE domain_certificates SET review = ? WHERE number = ? AND status = 'valid'")
          .run(JSON.stringify(review), cert.number);
        enqueueOutbox(
          this.db,
          {
            stream: "certificates",
            recordId: `cert:${cert.number}:review:${now}`,
            kind: "certificate.review",
            payload: { number: cert.number, lot: cert.lot, ...review },
          },
          now,
        );
      })
      .immediate();
    const flagged = this.deps.certificates.require(cert.number);
    this.deps.events?.emit("certificate.review", flagged);
    return flagged;
  }
}

function clearedKeys(cert: Certificate): string[] {
  return cert.reviewCleared?.keys ?? [];
}
