import { createHash, randomBytes } from "node:crypto";
import type { Database } from "better-sqlite3";
import type { Operator } from "./operator.js";
import { OperatorStore } from "./operator-store.js";

const digest = (token: string): string => createHash("sha256").update(token).digest("hex");

/** How often a session's last-seen time is written at most: a polling kiosk is not a write storm. */
const MAX_TOUCH_EVERY_MS = 5_000;

/**
 * Kiosk sign-ins kept on the server: a random token bound to one operator, ended after
 * `idleMs` without a request, on sign-out, and (by the store) when the operator is disabled
 * or their PIN changes. Every request looks the token up again, so revocation is immediate.
 */
export class OperatorSessions {
  private readonly operators: OperatorStore;

  constructor(
    private readonly db: Database,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.operators = new OperatorStore(db, now);
  }

  open(operatorId: string): { token: string; expiresAt: number } {
    const token = randomBytes(24).toString("base64url");
    const at = this.now();
    this.db
      .prepare(
        "INSERT INTO operator_sessions (token_hash, operator_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
      )
      .run(digest(token), operatorId, at, at);
    return { token, expiresAt: at + this.idleMs };
  }

  /** The signed-in operator, or undefined when the token is unknown, idle too long, or revoked. */
  resolve(token: string): { operator: Operator; expiresAt: number } | undefined {
    if (token.length === 0 || token.length > 128) return undefined;
    const hash = digest(token);
    const row = this.db
      .prepare<[string], { operator_id: string; last_seen_at: number }>(
        "SELECT s.operator_id, s.last_seen_at FROM operator_sessions s JOIN operators o ON o.id = s.operator_id WHERE s.token_hash = ? AND o.enabled = 1",
      )
      .get(hash);
    if (!row) return undefined;
    const at = this.now();
    if (at - row.last_seen_at > this.idleMs) {
      this.end(token);
      return undefined;
    }
    if (at - row.last_seen_at >= Math.min(MAX_TOUCH_EVERY_MS, this.idleMs / 4)) {
      this.db.prepare("UPDATE operator_sessions SET last_seen_at = ? WHERE token_hash = ?").run(at, hash);
    }
    const operator = this.operators.find(row.operator_id);
    return operator ? { operator, expiresAt: Math.max(at, row.last_seen_at) + this.idleMs } : undefined;
  }

  /** Whether the session is still open, without counting as use (a line asking who works it). */
  isOpen(token: string): boolean {
    const row = this.db
      .prepare<[string], { last_seen_at: number }>(
        "SELECT s.last_seen_at FROM operator_sessions s JOIN operators o ON o.id = s.operator_id WHERE s.token_hash = ? AND o.enabled = 1",
      )
      .get(digest(token));
    return row !== undefined && this.now() - row.last_seen_at <= this.idleMs;
  }

  end(token: string): void {
    this.db.prepare("DELETE FROM operator_sessions WHERE token_hash = ?").run(digest(token));
  }
}
