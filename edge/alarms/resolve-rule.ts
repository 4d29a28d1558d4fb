import { metricDefinition } from "../core/metric-registry.js";
import { presetNamed } from "./presets.js";
import type { AlarmRuleInput, ResolvedRule } from "./rule-schema.js";

export type Resolved = { ok: true; rule: ResolvedRule } | { ok: false; problems: string[] };

const DEFAULT_ADVICE = {
  zh: "到现场查看，确认传感器读数后处理",
  en: "Go and look on site; check the sensor reading, then act",
};
const SILENT_ADVICE = {
  zh: "传感器没有数据：检查供电、网线或信号、接线是否松动",
  en: "The sensor stopped reporting: check its power, cable or signal, and loose wiring",
};

/**
 * A rule as written (preset plus overrides, or every field) → the rule the evaluator runs, or
 * every reason it cannot run. Checked at config load and on each API write, so a station never
 * starts with a rule that can never fire.
 */
export function resolveRule(input: AlarmRuleInput, origin: ResolvedRule["origin"]): Resolved {
  const problems: string[] = [];
  const preset = input.preset === undefined ? undefined : presetNamed(input.preset);
  if (input.preset !== undefined && !preset)
    problems.push(`预设 ${input.preset} 不存在 / no preset named ${input.preset}`);
  if (input.site === undefined && input.device === undefined) {
    problems.push("要写 site 或 device / give a site or a device");
  }
  const metric = input.metric ?? preset?.metric;
  const kind = input.kind ?? preset?.kind;
  if (metric === undefined) problems.push("缺少 metric / metric missing");
  else if (!metricDefinition(metric)) problems.push(`未知指标 ${metric} / unknown metric ${metric}`);
  if (kind === undefined) problems.push("缺少 kind / kind missing");
  // For a rate rule the signed change is its threshold: `delta` reads better in a config file.
  const threshold =
    kind === "rate"
      ? (input.delta ?? input.threshold ?? preset?.threshold)
      : (input.threshold ?? preset?.threshold);
  if ((kind === "below" || kind === "above") && threshold === undefined) {
    problems.push(`${kind} 规则缺少 threshold / ${kind} rule needs threshold`);
  }
  if (kind === "rate") {
    if (threshold === undefined || threshold === 0)
      problems.push("rate 规则要有非零 delta / rate rule needs a non-zero delta");
    if ((input.windowSec ?? preset?.windowSec) === undefined)
      problems.push("rate 规则缺少 windowSec / rate rule needs windowSec");
  }
  const silentSec = input.silentSec ?? preset?.silentSec;
  if (kind === "silent" && silentSec === undefined)
    problems.push("silent 规则缺少 silentSec / silent rule needs silentSec");
  if (problems.length > 0 || metric === undefined || kind === undefined) return { ok: false, problems };
  return {
    ok: true,
    rule: {
      id: input.id,
      preset: preset?.name ?? null,
      site: input.site ?? null,
      device: input.device ?? null,
      metric,
      kind,
      threshold: threshold ?? 0,
      forSec: input.forSec ?? preset?.forSec ?? 0,
      hysteresis: input.hysteresis ?? preset?.hysteresis ?? 0,
      windowSec: input.windowSec ?? preset?.windowSec ?? 0,
      silentSec: silentSec ?? 0,
      severity: input.severity ?? preset?.severity ?? "warning",
      advice: input.advice ?? preset?.advice ?? (kind === "silent" ? SILENT_ADVICE : DEFAULT_ADVICE),
      action: input.action ?? null,
      source: preset?.source ?? null,
      enabled: input.enabled ?? true,
      origin,
    },
  };
}

/** Every problem of a list of rules, with the index path the config loader reports. */
export function ruleListProblems(rules: readonly AlarmRuleInput[]): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (seen.has(rule.id))
      out.push({ path: `/alarms/rules/${i}/id`, message: `规则编号 ${rule.id} 重复 / duplicate rule id` });
    seen.add(rule.id);
    const resolved = resolveRule(rule, "config");
    if (!resolved.ok)
      for (const message of resolved.problems) out.push({ path: `/alarms/rules/${i}`, message });
  });
  return out;
}
