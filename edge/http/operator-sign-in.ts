import "./http-codes.js";
import "../operators/operator-codes.js";
import { StationError } from "../core/station-error.js";
import type { Operator } from "../operators/operator.js";
import type { OperatorSessions } from "../operators/operator-sessions.js";
import type { OperatorStore } from "../operators/operator-store.js";
import type { Actor } from "./actor.js";
import { type Admission, AttemptCounter, type LockoutPolicy } from "./attempt-counter.js";

export interface People {
  operators: OperatorStore;
  sessions: OperatorSessions;
}

export const actorOf = (o: Operator): Actor => ({ id: o.id, name: o.name, role: o.role });

const lockedError = (retryAfterMs: number): StationError => {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new StationError(
    "HTTP_PIN_LOCKED",
    `输错次数过多，请 ${seconds} 秒后再试 / too many wrong attempts, try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
  );
};

/**
 * A named operator's sign-in at the kiosk: number (or id) and PIN, checked against the scrypt
 * hash. Every attempt is counted twice before the check, against the station's kiosk counter
 * (shared with the shared PIN: thirty addresses are one guesser) and against the operator's
 * own, so one person's PIN cannot be guessed by spreading guesses in time or over addresses.
 */
export class OperatorSignIn {
  private readonly perOperator = new Map<string, AttemptCounter>();

  constructor(
    private readonly people: People,
    private readonly station: AttemptCounter,
    private readonly policy: LockoutPolicy,
    private readonly now: () => number,
    private readonly onLock: (failures: number, lockMs: number) => void,
  ) {}

  async signIn(ref: string, pin: string): Promise<{ token: string; expiresAt: number; operator: Operator }> {
    const key = this.people.operators.find(ref)?.id ?? ref;
    const personal = this.counterFor(key).admit();
    if (!personal.ok) throw lockedError(personal.retryAfterMs);
    const station = this.station.admit();
    if (!station.ok) {
      personal.release();
      throw lockedError(station.retryAfterMs);
    }
    let operator: Operator | undefined;
    try {
      operator = pin.length <= 64 ? await this.people.operators.verifyPin(ref, pin) : undefined;
    } finally {
      settleBoth([personal, station], operator !== undefined);
    }
    if (!operator)
      throw new StationError("OPERATOR_PIN_WRONG", "操作员编号或 PIN 不正确 / wrong number or PIN");
    return { ...this.people.sessions.open(operator.id), operator };
  }

  /** The actor of an open session; OPERATOR_SESSION_ENDED when idle too long, revoked or unknown. */
  resume(token: string): Actor {
    const found = this.people.sessions.resolve(token);
    if (!found) {
      throw new StationError("OPERATOR_SESSION_ENDED", "登录已结束，请重新登录 / signed out: sign in again");
    }
    return actorOf(found.operator);
  }

  session(token: string): { operator: Operator; expiresAt: number } | undefined {
    return this.people.sessions.resolve(token);
  }

  isOpen(token: string): boolean {
    return this.people.sessions.isOpen(token);
  }

  signOut(token: string): void {
    this.people.sessions.end(token);
  }

  private counterFor(key: string): AttemptCounter {
    let counter = this.perOperator.get(key);
    if (!counter) {
      counter = new AttemptCounter(this.policy, this.now, this.onLock);
      // Bounded: a guesser inventing numbers fills the station counter long before this.
      if (this.perOperator.size > 10_000) this.perOperator.clear();
      this.perOperator.set(key, counter);
    }
    return counter;
  }
}

function settleBoth(admissions: Admission[], success: boolean): void {
  for (const a of admissions) if (a.ok) a.settle(success);
}
