import type { Database } from "better-sqlite3";
import { currentActor } from "./actor-context.js";
import { auditHash } from "./audit-hash.js";

/**
 * The SQL functions the audit triggers call (audit-migrations.ts). Registered on every
 * connection that writes (openDatabase does it), before migrations run.
 */
export function registerAuditFunctions(db: Database): void {
  db.function("audit_now", { deterministic: false }, () => Date.now());
  db.function("audit_actor_id", { deterministic: false }, () => currentActor().id);
  db.function("audit_actor_name", { deterministic: false }, () => currentActor().name);
  db.function("audit_actor_role", { deterministic: false }, () => currentActor().role);
  db.function(
    "audit_hash",
    { deterministic: true },
    (
      prev: unknown,
      at: unknown,
      id: unknown,
      name: unknown,
      role: unknown,
      kind: unknown,
      rid: unknown,
      op: unknown,
      change: unknown,
    ) =>
      auditHash(String(prev), {
        at: Number(at),
        actorId: id === null ? null : String(id),
        actorName: String(name),
        actorRole: String(role),
        kind: String(kind),
        recordId: String(rid),
        op: String(op),
        change: String(change),
      }),
  );
}
