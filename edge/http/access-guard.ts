import "./http-codes.js";
import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { verifySecret } from "../../broker/credentials.js";
import type { Clock } from "../core/clock.js";
import { StationError } from "../core/station-error.js";
import type { AccessHashes } from "./access-secrets.js";
import { type Actor, ADMIN_ACTOR, bindActor, boundActor, mayOverride, SHARED_PIN_ACTOR } from "./actor.js";
import { AttemptCounter } from "./attempt-counter.js";
import { OperatorSignIn, type People } from "./operator-sign-in.js";

export type Role = "kiosk" | "admin";

/** First lock one minute, doubling up to half an hour: about 50 guesses a day past the allowance. */
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 30 * 60_000;

/** Told when the station locks sign-in (an alarm, a journal line); `lockMs` 0 when a right secret ended it. */
export type LockoutAlarm = (role: Role, failures: number, lockMs: number) => void;

/**
 * Decides who a request is: the admin token (technicians, supervisors) or the kiosk PIN
 * (packing-house workers). Public trace reads need neither. scrypt costs tens of ms on a Pi,
 * so a presented secret that verified once is remembered by its SHA-256 for the process life;
 * the lock still comes first, so the memory cannot be used to guess past it.
 */
export class AccessGuard {
  private readonly verified = new Map<string, Role>();
  private readonly counters: Record<Role, AttemptCounter>;
  /** Named operators' sign-in, when the station has an operators table (always, outside unit tests). */
  readonly signIn: OperatorSignIn | undefined;

  constructor(
    private readonly hashes: AccessHashes,
    private readonly clock: Clock,
    lockoutAttempts: number,
    onLock: LockoutAlarm = () => {},
    /** A wrong secret, with the address it came from (the journal line a technician reads). */
    private readonly onWrong: (role: Role, address: string) => void = () => {},
    private readonly people?: People,
  ) {
    const policy = { allowedFailures: lockoutAttempts, baseLockMs: BASE_LOCK_MS, maxLockMs: MAX_LOCK_MS };
    const now = () => this.clock.now();
    this.counters = {
      kiosk: new AttemptCounter(
        policy,
        now,
        (n, ms) => onLock("kiosk", n, ms),
        () => onLock("kiosk", 0, 0),
      ),
      admin: new AttemptCounter(
        policy,
        now,
        (n, ms) => onLock("admin", n, ms),
        () => onLock("admin", 0, 0),
      ),
    };
    this.signIn = people
      ? new OperatorSignIn(people, this.counters.kiosk, policy, now, (n, ms) => onLock("kiosk", n, ms))
      : undefined;
  }

  /**
   * Throws the StationError the API answers with when the request lacks the role; otherwise
   * binds the request's actor (requestActor) and answers "admin" for whoever may do admin
   * actions (the token, a supervisor, a technician), "kiosk" for a worker.
   */
  async require(request: FastifyRequest, role: Role): Promise<Role> {
    const known = boundActor(request);
    const actor = known ?? (await this.identify(request, role));
    bindActor(request, actor);
    if (role === "admin" && actor === SHARED_PIN_ACTOR) {
      throw new StationError(
        "HTTP_ADMIN_REQUIRED",
        "操作员 PIN 不能执行此操作 / the kiosk PIN cannot do this",
        {
          role,
        },
      );
    }
    if (role === "admin" && !mayOverride(actor)) {
      throw new StationError(
        "OPERATOR_ROLE_REFUSED",
        `${actor.name}（工人）不能执行此操作，请主管登录 / ${actor.name} (worker) cannot do this: a supervisor must sign in`,
        { role, actor: actor.name },
      );
    }
    return mayOverride(actor) ? "admin" : "kiosk";
  }

  private async identify(request: FastifyRequest, role: Role): Promise<Actor> {
    const token = bearer(request.headers.authorization);
    const pin = header(request.headers["x-kiosk-pin"]);
    const session = header(request.headers["x-operator-session"]);
    if (token !== undefined) {
      if (!(await this.check(token, "admin"))) {
        this.onWrong("admin", request.ip);
        throw new StationError("HTTP_TOKEN_WRONG", "管理令牌不正确 / wrong admin token");
      }
      return ADMIN_ACTOR;
    }
    if (session !== undefined && this.signIn) return this.signIn.resume(session);
    if (pin !== undefined && this.people?.operators.anyEnabled()) {
      throw new StationError(
        "OPERATOR_SIGN_IN_REQUIRED",
        "已启用个人登录，请用自己的操作员编号和 PIN 登录 / personal sign-in is on: sign in with your own number and PIN",
      );
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
    if (!(await this.check(pin, "kiosk"))) {
      this.onWrong("kiosk", request.ip);
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
    return SHARED_PIN_ACTOR;
  }

  /** A fastify preHandler that admits only `role` (the admin token also passes kiosk checks). */
  hook(role: Role): (request: FastifyRequest) => Promise<void> {
    return async (request) => {
      await this.require(request, role);
    };
  }

  private async check(secret: string, role: Role): Promise<boolean> {
    // Counted before the check, and the lock comes first: a guesser learns nothing while
    // locked, not even a right guess.
    const admission = this.counters[role].admit();
    if (!admission.ok) {
      const seconds = Math.ceil(admission.retryAfterMs / 1000);
      throw new StationError(
        "HTTP_PIN_LOCKED",
        `输错次数过多，请 ${seconds} 秒后再试 / too many wrong attempts, try again in ${seconds} s`,
        { retryAfterSeconds: seconds },
      );
    }
    let ok = false;
    try {
      const key = `${role}:${createHash("sha256").update(secret).digest("hex")}`;
      if (this.verified.get(key) === role) {
        ok = true;
        return ok;
      }
      const hash = role === "admin" ? this.hashes.adminTokenHash : this.hashes.pinHash;
      ok = secret.length > 0 && secret.length <= 256 && (await verifySecret(secret, hash));
      if (ok) this.verified.set(key, role);
      return ok;
    } finally {
      admission.settle(ok);
    }
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function bearer(value: string | undefined): string | undefined {
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}
