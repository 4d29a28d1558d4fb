import type { ResolvedRule } from "./rule-schema.js";

/**
 * What one rule knows about one sensor between readings. Kept in memory: after a restart an
 * open alarm is restored as `raised` (so it is not raised twice) and a pending breach starts over.
 */
export interface EpisodeState {
  raised: boolean;
  /** Device time the current breach began (below/above), null when within limits. */
  breachSince: number | null;
  /** Device time of the last reading evaluated; older readings arriving late are not judged. */
  lastTs: number;
  /** Station time of the last reading (silent rules judge station time: device clocks drift). */
  lastSeen: number;
  /** rate: monotonic deque of [ts, value], the window's extreme at the head (min for a rise). */
  window: Array<[number, number]>;
}

export type Transition =
  | { type: "raise"; since: number; at: number; value: number | null }
  | { type: "clear"; at: number; value: number | null };

export function newEpisode(seenAt: number): EpisodeState {
  return { raised: false, breachSince: null, lastTs: Number.NEGATIVE_INFINITY, lastSeen: seenAt, window: [] };
}

/**
 * One reading against one rule: at most one transition. Pure apart from updating `state`, so
 * a rule raises once per episode (not per reading) and clears only once the value is back past
 * the threshold by the hysteresis (the deadband ANSI/ISA-18.2 asks for, so an alarm does not chatter).
 */
export function evaluateReading(
  rule: ResolvedRule,
  state: EpisodeState,
  ts: number,
  value: number,
  seenAt: number,
): Transition | undefined {
  state.lastSeen = seenAt;
  if (rule.kind === "silent") {
    if (!state.raised) return undefined;
    state.raised = false;
    return { type: "clear", at: seenAt, value };
  }
  if (ts < state.lastTs) return undefined;
  state.lastTs = ts;
  if (rule.kind === "rate") return rate(rule, state, ts, value);
  const below = rule.kind === "below";
  const breaching = below ? value < rule.threshold : value > rule.threshold;
  if (state.raised) {
    const back = below
      ? value >= rule.threshold + rule.hysteresis
      : value <= rule.threshold - rule.hysteresis;
    if (!back) return undefined;
    state.raised = false;
    state.breachSince = null;
    return { type: "clear", at: ts, value };
  }
  if (!breaching) {
    state.breachSince = null;
    return undefined;
  }
  state.breachSince ??= ts;
  if (ts - state.breachSince < rule.forSec * 1000) return undefined;
  state.raised = true;
  return { type: "raise", since: state.breachSince, at: ts, value };
}

/** A silent rule at station time `now`: raises once the sensor has said nothing for silentSec. */
export function evaluateSilence(
  rule: ResolvedRule,
  state: EpisodeState,
  now: number,
): Transition | undefined {
  if (rule.kind !== "silent" || state.raised) return undefined;
  if (now - state.lastSeen < rule.silentSec * 1000) return undefined;
  state.raised = true;
  return { type: "raise", since: state.lastSeen, at: now, value: null };
}

/**
 * Refill a rate rule's window from stored readings (oldest first) without judging them: after a
 * restart the change over the last windowSec is known at once, so an open rate alarm does not
 * clear on the first reading and a rise that spans the restart is still seen.
 */
export function seedWindow(
  rule: ResolvedRule,
  state: EpisodeState,
  samples: ReadonlyArray<[number, number]>,
): void {
  if (rule.kind !== "rate") return;
  for (const [ts, value] of samples) {
    if (ts < state.lastTs) continue;
    state.lastTs = ts;
    push(rule.threshold > 0, state.window, ts, value, ts - rule.windowSec * 1000);
  }
}

function push(rising: boolean, w: Array<[number, number]>, ts: number, value: number, from: number): void {
  // The head holds the window's minimum (rise) or maximum (fall): pop what the new value beats.
  while (w.length > 0) {
    const last = w[w.length - 1] as [number, number];
    if (rising ? last[1] >= value : last[1] <= value) w.pop();
    else break;
  }
  w.push([ts, value]);
  while (w.length > 1 && (w[0] as [number, number])[0] < from) w.shift();
}

function rate(rule: ResolvedRule, state: EpisodeState, ts: number, value: number): Transition | undefined {
  const rising = rule.threshold > 0;
  const w = state.window;
  push(rising, w, ts, value, ts - rule.windowSec * 1000);
  const change = value - (w[0] as [number, number])[1];
  const over = rising ? change >= rule.threshold : change <= rule.threshold;
  if (!state.raised) {
    if (!over) return undefined;
    state.raised = true;
    return { type: "raise", since: (w[0] as [number, number])[0], at: ts, value };
  }
  const back = rising ? change < rule.threshold - rule.hysteresis : change > rule.threshold + rule.hysteresis;
  if (!back) return undefined;
  state.raised = false;
  return { type: "clear", at: ts, value };
}
