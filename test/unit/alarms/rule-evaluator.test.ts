import { describe, expect, it } from "vitest";
import { ALARM_PRESETS } from "../../../edge/alarms/presets.js";
import { resolveRule, ruleListProblems } from "../../../edge/alarms/resolve-rule.js";
import {
  evaluateReading,
  evaluateSilence,
  newEpisode,
  seedWindow,
} from "../../../edge/alarms/rule-evaluator.js";
import type { AlarmRuleInput, ResolvedRule } from "../../../edge/alarms/rule-schema.js";
import { metricDefinition } from "../../../edge/core/metric-registry.js";

function rule(input: Omit<AlarmRuleInput, "id">): ResolvedRule {
  const r = resolveRule({ id: "r", ...input }, "config");
  if (!r.ok) throw new Error(r.problems.join("; "));
  return r.rule;
}

const M = 60_000;

describe("rule evaluator", () => {
  it("rate: water temperature rising 2 °C within an hour raises once, clears once the rise is over", () => {
    const r = rule({ preset: "trout-water-rising", site: "p1" });
    const s = newEpisode(0);
    const feed = (min: number, v: number) => evaluateReading(r, s, min * M, v, min * M)?.type;
    expect([feed(0, 12), feed(20, 12.5), feed(40, 13.4)]).toEqual([undefined, undefined, undefined]);
    expect(feed(55, 14.1)).toBe("raise");
    expect(feed(60, 14.3)).toBeUndefined();
    // Within the band (rise still ≥ 1.5 °C over the last hour) it stays raised.
    expect(feed(75, 14.3)).toBeUndefined();
    // At 90 min the hour window starts at 30 min (13.4 °C): a 0.9 °C rise, the episode is over.
    expect(feed(90, 14.3)).toBe("clear");
  });

  it("rate: an alarm restored after a restart keeps its window from stored readings and does not clear at once", () => {
    const r = rule({ preset: "trout-water-rising", site: "p1" });
    const restored = newEpisode(0);
    restored.raised = true;
    seedWindow(r, restored, [
      [0, 12],
      [20 * M, 12.8],
      [50 * M, 14.2],
    ]);
    expect(evaluateReading(r, restored, 55 * M, 14.3, 0)).toBeUndefined();
    // Without the stored readings the window would hold only this one and clear it.
    const blank = newEpisode(0);
    blank.raised = true;
    expect(evaluateReading(r, blank, 55 * M, 14.3, 0)?.type).toBe("clear");
  });

  it("rate: a fall (negative delta) is judged against the window's maximum", () => {
    const r = rule({ kind: "rate", metric: "dissolved_oxygen", delta: -2, windowSec: 1800, device: "d" });
    const s = newEpisode(0);
    expect(evaluateReading(r, s, 0, 9, 0)).toBeUndefined();
    expect(evaluateReading(r, s, 10 * M, 8, 0)).toBeUndefined();
    expect(evaluateReading(r, s, 20 * M, 6.9, 0)?.type).toBe("raise");
  });

  it("above with hysteresis: no chatter around the threshold", () => {
    const r = rule({ preset: "cold-room-warm", device: "c1", forSec: 0 });
    const s = newEpisode(0);
    const types = [4.2, 3.9, 4.3, 3.6, 3.4, 4.1].map((v, i) => evaluateReading(r, s, i * M, v, 0)?.type);
    expect(types).toEqual(["raise", undefined, undefined, undefined, "clear", "raise"]);
  });

  it("a breach shorter than forSec does not raise; a late (older) reading is not judged", () => {
    const r = rule({ preset: "greenhouse-frost", site: "gh1" });
    const s = newEpisode(0);
    expect(evaluateReading(r, s, 0, 1, 0)).toBeUndefined();
    expect(evaluateReading(r, s, 10 * M, 2.5, 0)).toBeUndefined();
    expect(evaluateReading(r, s, 20 * M, 1, 0)).toBeUndefined();
    expect(evaluateReading(r, s, 5 * M, 1, 0)).toBeUndefined();
    expect(evaluateReading(r, s, 35 * M, 1, 0)?.type).toBe("raise");
  });

  it("silent: raises after silentSec of station time, clears on the next reading", () => {
    const r = rule({ kind: "silent", metric: "air_temp", device: "t1", silentSec: 300 });
    const s = newEpisode(1000);
    expect(evaluateSilence(r, s, 1000 + 299_000)).toBeUndefined();
    expect(evaluateSilence(r, s, 1000 + 300_000)?.type).toBe("raise");
    expect(evaluateSilence(r, s, 1000 + 900_000)).toBeUndefined();
    expect(evaluateReading(r, s, 0, 20, 1_000_000)?.type).toBe("clear");
  });

  it("every preset resolves, names a registered metric and cites a source", () => {
    for (const p of ALARM_PRESETS) {
      const r = resolveRule({ id: p.name, preset: p.name, site: "s" }, "config");
      expect(r.ok, p.name).toBe(true);
      expect(metricDefinition(p.metric), p.name).toBeDefined();
      expect(p.source.length, p.name).toBeGreaterThan(20);
    }
  });

  it("bad rules are refused with every reason", () => {
    const problems = ruleListProblems([
      { id: "a", preset: "no-such" },
      { id: "b", kind: "below", metric: "air_tmp", site: "x" },
      { id: "c", kind: "rate", metric: "water_temp", site: "x" },
      { id: "c", kind: "silent", metric: "air_temp", device: "d" },
    ]);
    const text = problems.map((p) => `${p.path} ${p.message}`).join("\n");
    expect(text).toContain("no preset named no-such");
    expect(text).toContain("give a site or a device");
    expect(text).toContain("unknown metric air_tmp");
    expect(text).toContain("rate rule needs a non-zero delta");
    expect(text).toContain("rate rule needs windowSec");
    expect(text).toContain("duplicate rule id");
    expect(text).toContain("silent rule needs silentSec");
  });
});
