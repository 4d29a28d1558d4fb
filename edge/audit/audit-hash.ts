import { createHash } from "node:crypto";

/** The columns a row's hash covers, in order (the hash of the row before it comes first). */
export interface AuditContent {
  at: number;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  kind: string;
  recordId: string;
  op: string;
  change: string;
}

/**
 * SHA-256 over the previous row's hash and this row's content as one JSON array: the canonical
 * form is fixed by the order here, so the station, the CLI and a verifier upstream agree.
 */
export function auditHash(prevHash: string, row: AuditContent): string {
  const canonical = JSON.stringify([
    prevHash,
    row.at,
    row.actorId,
    row.actorName,
    row.actorRole,
    row.kind,
    row.recordId,
    row.op,
    row.change,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
