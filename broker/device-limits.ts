import type { MqttLimits } from "./limits-schema.js";

const STRIKE_WINDOW_MS = 10_000;
const REFUSAL_WINDOW_MS = 60_000;
const PENALTY_BASE_MS = 10_000;
const PENALTY_MAX_MS = 5 * 60_000;

/** What the broker does with one publish, by the device's budget. */
export type RateDecision = { kind: "go" } | { kind: "hold"; ms: number } | { kind: "refuse" };

interface DeviceBudget {
  tokens: number;
  refilledAt: number;
  held: number;
  strikes: number[];
  refusals: number[];
  retained: Map<string, number>;
  retainedBytes: number;
  penaltyUntil: number;
  penaltyMs: number;
}

/**
 * Per-device limits (DESIGN.md "Security"): a token bucket for the message rate with a burst,
 * retained messages by count and bytes, refusals recorded per minute, and strikes (limit
 * violations) that end in a disconnect and a growing pause before the device may log in again.
 * One device's budget never touches another's.
 */
export class DeviceLimits {
  private readonly budgets = new Map<string, DeviceBudget>();

  constructor(
    private readonly limits: MqttLimits,
    private readonly now: () => number,
  ) {}

  /**
   * A message from `deviceId`. QoS 0 has no promise, so over the rate it is refused; QoS 1 is
   * held back (its PUBACK comes later, which slows a well-behaved client down to the rate)
   * as long as the wait and the number held stay small, then refused.
   */
  rate(deviceId: string, qos: number): RateDecision {
    const b = this.budget(deviceId);
    const now = this.now();
    const { messagesPerSecond, burst, holdMs } = this.limits;
    b.tokens = Math.min(burst, b.tokens + ((now - b.refilledAt) * messagesPerSecond) / 1000);
    b.refilledAt = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { kind: "go" };
    }
    const waitMs = Math.ceil(((1 - b.tokens) * 1000) / messagesPerSecond);
    if (qos > 0 && waitMs <= holdMs && b.held < Math.max(1, Math.min(burst, 100))) {
      b.tokens -= 1;
      b.held += 1;
      return { kind: "hold", ms: waitMs };
    }
    return { kind: "refuse" };
  }

  released(deviceId: string): void {
    const b = this.budgets.get(deviceId);
    if (b) b.held = Math.max(0, b.held - 1);
  }

  /** Count a violation; true when the device has now earned a disconnect. */
  strike(deviceId: string): boolean {
    const b = this.budget(deviceId);
    const now = this.now();
    pushWithin(b.strikes, now, STRIKE_WINDOW_MS);
    return b.strikes.length >= this.limits.strikes;
  }

  /** A refusal row is about to be written; false once the device used up this minute's rows. */
  mayRecordRefusal(deviceId: string): boolean {
    const b = this.budget(deviceId);
    pushWithin(b.refusals, this.now(), REFUSAL_WINDOW_MS);
    return b.refusals.length <= this.limits.refusalsPerMinute;
  }

  refusalBudgetLeft(deviceId: string): boolean {
    const b = this.budget(deviceId);
    trim(b.refusals, this.now(), REFUSAL_WINDOW_MS);
    return b.refusals.length < this.limits.refusalsPerMinute;
  }

  /**
   * Whether a retained message may be kept; `bytes` 0 clears the topic (MQTT 3.1.1 §3.3.1.3),
   * which always passes. Call only for a message that was accepted.
   */
  retain(deviceId: string, topic: string, bytes: number): boolean {
    const b = this.budget(deviceId);
    const before = b.retained.get(topic);
    if (bytes === 0) {
      if (before !== undefined) b.retainedBytes -= before;
      b.retained.delete(topic);
      return true;
    }
    const count = b.retained.size + (before === undefined ? 1 : 0);
    const total = b.retainedBytes - (before ?? 0) + bytes;
    if (count > this.limits.retainedMessages || total > this.limits.retainedBytes) return false;
    b.retained.set(topic, bytes);
    b.retainedBytes = total;
    return true;
  }

  /** Disconnected for persisting: the device may not log in for a while, longer each time. */
  penalise(deviceId: string): number {
    const b = this.budget(deviceId);
    b.penaltyMs = Math.min(PENALTY_MAX_MS, b.penaltyMs === 0 ? PENALTY_BASE_MS : b.penaltyMs * 2);
    b.penaltyUntil = this.now() + b.penaltyMs;
    b.strikes.length = 0;
    return b.penaltyMs;
  }

  /** Milliseconds the device must still wait before it may log in, 0 when it may. */
  penaltyLeft(deviceId: string): number {
    const b = this.budgets.get(deviceId);
    return b ? Math.max(0, b.penaltyUntil - this.now()) : 0;
  }

  /** The device was removed: forget everything about it. */
  forget(deviceId: string): void {
    this.budgets.delete(deviceId);
  }

  private budget(deviceId: string): DeviceBudget {
    let b = this.budgets.get(deviceId);
    if (!b) {
      b = {
        tokens: this.limits.burst,
        refilledAt: this.now(),
        held: 0,
        strikes: [],
        refusals: [],
        retained: new Map(),
        retainedBytes: 0,
        penaltyUntil: 0,
        penaltyMs: 0,
      };
      this.budgets.set(deviceId, b);
    }
    return b;
  }
}

function trim(times: number[], now: number, windowMs: number): void {
  let drop = 0;
  while (drop < times.length && (times[drop] as number) <= now - windowMs) drop++;
  if (drop > 0) times.splice(0, drop);
}

function pushWithin(times: number[], now: number, windowMs: number): void {
  trim(times, now, windowMs);
  times.push(now);
}
