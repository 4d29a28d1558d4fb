/**
 * Failed sign-in attempts for the whole station (not per address: thirty addresses guessing
 * ten times each are one guesser). An attempt is counted before its secret is checked, so
 * three hundred guesses sent at once see the allowance used up by the first ones and never
 * reach the check. Past the allowance the station locks, twice as long each time.
 */
export interface LockoutPolicy {
  allowedFailures: number;
  baseLockMs: number;
  maxLockMs: number;
}

export type Admission =
  | {
      ok: true;
      settle: (success: boolean) => void;
      /** Not checked after all (another lock refused it): counts neither way. */
      release: () => void;
    }
  | { ok: false; retryAfterMs: number };

export class AttemptCounter {
  private failures = 0;
  private pending = 0;
  private lockedUntil = 0;
  private lastFailureAt = 0;

  constructor(
    private readonly policy: LockoutPolicy,
    private readonly now: () => number,
    /** Called once per lock, with how long it lasts: the alarm and the journal line. */
    private readonly onLock: (failures: number, lockMs: number) => void,
    /** A right secret after a lock: the alarm can clear. */
    private readonly onRecovered: () => void = () => {},
  ) {}

  admit(): Admission {
    const now = this.now();
    if (now < this.lockedUntil) return { ok: false, retryAfterMs: this.lockedUntil - now };
    // Forgotten after a quiet spell as long as the longest lock: a typo yesterday is no strike.
    if (this.pending === 0 && now - this.lastFailureAt > this.policy.maxLockMs) this.failures = 0;
    // Past the allowance, once a lock ran out, one attempt at a time is checked; below it, as
    // many as are left. Checks still running may yet fail, so they count already.
    const allowed =
      this.failures >= this.policy.allowedFailures ? this.failures + 1 : this.policy.allowedFailures;
    if (this.failures + this.pending >= allowed) {
      return { ok: false, retryAfterMs: Math.max(1000, this.lockedUntil - now) };
    }
    this.pending += 1;
    let settled = false;
    return {
      ok: true,
      release: () => {
        if (settled) return;
        settled = true;
        this.pending -= 1;
      },
      settle: (success) => {
        if (settled) return;
        settled = true;
        this.pending -= 1;
        if (success) {
          const wasLocked = this.failures >= this.policy.allowedFailures;
          this.failures = 0;
          if (wasLocked) this.onRecovered();
          return;
        }
        const at = this.now();
        this.failures += 1;
        this.lastFailureAt = at;
        const over = this.failures - this.policy.allowedFailures;
        if (over >= 0) {
          const lockMs = Math.min(this.policy.maxLockMs, this.policy.baseLockMs * 2 ** Math.min(over, 20));
          this.lockedUntil = at + lockMs;
          this.onLock(this.failures, lockMs);
        }
      },
    };
  }

  get locked(): boolean {
    return this.now() < this.lockedUntil;
  }
}
