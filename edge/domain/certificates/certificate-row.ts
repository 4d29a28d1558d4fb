import type { Certificate, CertificateContent, CertificateReview, ComplianceOverride } from "../records.js";

/** How a certificate row maps to the record (basis, content, review are JSON columns). */
export interface CertRow {
  id: number;
  number: string;
  lot: string;
  style: Certificate["style"];
  basis: string;
  quantity: number;
  unit: string;
  package_count: number;
  content: string;
  status: "valid" | "void";
  review: string | null;
  review_cleared: string | null;
  void_reason: string | null;
  voided_at: number | null;
  voided_by: string | null;
  reprint_count: number;
  override_id: number | null;
  issued_by: string | null;
  issued_at: number;
  o_supervisor: string | null;
  o_actor: string | null;
  o_reason: string | null;
  o_blocks: string | null;
  o_created_at: number | null;
}

export const CERT_SELECT = `SELECT c.*, b.lot, o.supervisor AS o_supervisor, o.actor AS o_actor, o.reason AS o_reason,
  o.blocks AS o_blocks, o.created_at AS o_created_at
  FROM domain_certificates c JOIN domain_batches b ON b.id = c.batch_id
  LEFT JOIN domain_overrides o ON o.id = c.override_id`;

export function toCertificate(r: CertRow): Certificate {
  const review = r.review ? (JSON.parse(r.review) as CertificateReview) : null;
  const override: ComplianceOverride | null =
    r.override_id !== null && r.o_supervisor !== null
      ? {
          id: r.override_id,
          lot: r.lot,
          supervisor: r.o_supervisor,
          actor: r.o_actor,
          reason: r.o_reason ?? "",
          blocks: JSON.parse(r.o_blocks ?? "[]") as unknown[],
          createdAt: r.o_created_at ?? r.issued_at,
        }
      : null;
  return {
    id: r.id,
    number: r.number,
    lot: r.lot,
    style: r.style,
    basis: JSON.parse(r.basis) as Certificate["basis"],
    quantity: r.quantity,
    unit: r.unit,
    packageCount: r.package_count,
    content: JSON.parse(r.content) as CertificateContent,
    status: r.status === "valid" && review ? "review" : r.status,
    review,
    reviewCleared: r.review_cleared ? (JSON.parse(r.review_cleared) as Certificate["reviewCleared"]) : null,
    voidReason: r.void_reason,
    voidedAt: r.voided_at,
    voidedBy: r.voided_by,
    reprintCount: r.reprint_count,
    overrideId: r.override_id,
    override,
    issuedBy: r.issued_by,
    issuedAt: r.issued_at,
  };
}
