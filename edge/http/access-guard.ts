import "./http-codes.js";
import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { verifySecret } from "../../broker/credentials.js";
import type { Clock } from "../core/clock.js";
import { StationError } from "../core/station-error.js";
import type { AccessHashes } from "./access-secrets.js";

export type Role = "kiosk" | "admin";

const LOCKOUT_MS = 5 * 60_000;

/**
 * Decides who a request is: the admin token (technicians, supervisors) or the kiosk PIN
 * (packing-house workers). Public trace reads need neither. scrypt costs tens of ms on a Pi,
 * so a presented secret that verified once is remembered by its SHA-256 for the process life.
 */
export class AccessGuard {
  private readonly verified = new Map<string, Role>();
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly hashes: AccessHashes,
    private readonly clock: Clock,
    private readonly lockoutAttempts: number,
  ) {}

  /** Throws the StationError the API answers with when the request lacks the role. */
  async require(request: FastifyRequest, role: Role): Promise<Role> {
    const token = bearer(request.headers.authorization);
    const pin = header(request.headers["x-kiosk-pin"]);
    if (token !== undefined) {
      if (!(await this.check(token, "admin", request.ip))) {
        throw new StationError("HTTP_TOKEN_WRONG", "管理令牌不正确 / wrong admin token");
      }
      return "admin";
    }
    if (pin === undefined) {
      throw new StationError(
        role === "admin" ? "HTTP_ADMIN_REQUIRED" : "HTTP_AUTH_REQUIRED",
        role === "admin"
          ? "此操作需要管理令牌 / this action needs the admin token"
          : "请先输入操作员 PIN / enter the kiosk PIN first",
        { role },
      );
    }
    if (!(await this.check(pin, "kiosk", request.ip))) {
      throw new StationError("HTTP_PIN_WRONG", "PIN 不正确 / wrong PIN");
    }
    if (role === "admin") {
      throw new StationError(
        "HTTP_ADMIN_REQUIRED",
        "操作员 PIN 不能执行此操作 / the kiosk PIN cannot do this",
        {
          role,
        },
      );
    }
    return "kiosk";
  }

  /** A fastify preHandler that admits only `role` (the admin token also passes kiosk checks). */
  hook(role: Role): (request: FastifyRequest) => Promise<void> {
    return async (request) => {
      await this.require(request, role);
    };
  }

  private async check(secret: string, role: Role, ip: string): Promise<boolean> {
    // The lockout comes first, so a guesser learns nothing while locked, not even a right guess.
    const now = this.clock.now();
    const failure = this.failures.get(ip);
    if (failure && now - failure.since < LOCKOUT_MS && failure.count >= this.lockoutAttempts) {
      throw new StationError("HTTP_PIN_LOCKED", "输错次数过多，请 5 分钟后再试 / locked, try in 5 minutes", {
        retryAfterSeconds: Math.ceil((failure.since + LOCKOUT_MS - now) / 1000),
      });
    }
    const key = `${role}:${createHash("sha256").update(secret).digest("hex")}`;
    if (this.verified.get(key) === role) {
      this.failures.delete(ip);
      return true;
    }
    const hash = role === "admin" ? this.hashes.adminTokenHash : this.hashes.pinHash;
    const ok = secret.length > 0 && secret.length <= 256 && (await verifySecret(secret, hash));
    if (ok) {
      this.verified.set(key, role);
      this.failures.delete(ip);
    } else if (!failure || now - failure.since >= LOCKOUT_MS) {
      this.failures.set(ip, { count: 1, since: now });
    } else {
      failure.count += 1;
    }
    return ok;
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function bearer(value: string | undefined): string | undefined {
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}
