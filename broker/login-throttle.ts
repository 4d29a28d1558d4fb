/**
 * Failed MQTT logins, counted per source address and per username. An attempt is counted the
 * moment it starts (before its password is checked), so a burst of parallel guesses sees the
 * count the first ones left and cannot all reach scrypt; past the allowance each further
 * attempt waits twice as long, up to a ceiling. Entries are bounded in number, so a stranger
 * rotating usernames cannot grow the map without end.
 */
interface Entry {
  failures: number;
  pending: number;
  blockedUntil: number;
  lastAt: number;
}

export interface ThrottleSettings {
  allowedFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Most keys remembered; the oldest go first. */
  maxEntries: number;
}

export type ThrottleVerdict =
  | { ok: true; release: (success: boolean) => void }
  | { ok: false; retryAfterMs: number };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly now: () => number,
  ) {}

  /** Count an attempt for every key at once; refused when any key is over its allowance. */
  begin(keys: readonly string[]): ThrottleVerdict {
    const now = this.now();
    const entries = keys.map((key) => this.entry(key, now));
    let retryAfterMs = 0;
    for (const e of entries) {
      if (e.blockedUntil > now) {
        retryAfterMs = Math.max(retryAfterMs, e.blockedUntil - now);
        continue;
      }
      // Past the allowance, once a block ran out, one attempt at a time; below it, as many
      // as are left (those still being checked count already).
      const allowed =
        e.failures >= this.settings.allowedFailures ? e.failures + 1 : this.settings.allowedFailures;
      if (e.failures + e.pending >= allowed) retryAfterMs = Math.max(retryAfterMs, 1000);
    }
    if (retryAfterMs > 0) {
      // A refused attempt is a failure too, so hammering while blocked lengthens the block.
      for (const e of entries) this.fail(e, now);
      return { ok: false, retryAfterMs };
    }
    for (const e of entries) e.pending += 1;
    let released = false;
    return {
      ok: true,
      release: (success) => {
        if (released) return;
        released = true;
        const at = this.now();
        for (const e of entries) {
          e.pending -= 1;
          if (success) {
            e.failures = 0;
            e.blockedUntil = 0;
          } else this.fail(e, at);
        }
      },
    };
  }

  get size(): number {
    return this.entries.size;
  }

  private fail(e: Entry, now: number): void {
    e.failures += 1;
    e.lastAt = now;
    const over = e.failures - this.settings.allowedFailures;
    if (over >= 0) {
      const delay = Math.min(this.settings.maxDelayMs, this.settings.baseDelayMs * 2 ** Math.min(over, 30));
      e.blockedUntil = Math.max(e.blockedUntil, now + delay);
    }
  }

  private entry(key: string, now: number): Entry {
    let e = this.entries.get(key);
    // Forgotten once quiet for twice the longest delay: a typo last week does not count today.
    if (e && e.pending === 0 && now - e.lastAt > 2 * this.settings.maxDelayMs && e.blockedUntil <= now) {
      this.entries.delete(key);
      e = undefined;
    }
    if (!e) {
      e = { failures: 0, pending: 0, blockedUntil: 0, lastAt: now };
      if (this.entries.size >= this.settings.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    // Re-insert so Map order is least-recently-used first.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }
}
