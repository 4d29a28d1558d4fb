import type { Certificate, CertificateContent } from "../records.js";

/** How a certificate row maps to the record (basis and content are JSON columns). */
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
  status: Certificate["status"];
  void_reason: string | null;
  voided_at: number | null;
  reprint_count: number;
  override_id: number | null;
  issued_by: string | null;
  issued_at: number;
}

export const CERT_SELECT = `SELECT c.*, b.lot FROM domain_certificates c JOIN domain_batches b ON b.id = c.batch_id`;

export function toCertificate(r: CertRow): Certificate {
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
    status: r.status,
    voidReason: r.void_reason,
    voidedAt: r.voided_at,
    reprintCount: r.reprint_count,
    overrideId: r.override_id,
    issuedBy: r.issued_by,
    issuedAt: r.issued_at,
  };
}
