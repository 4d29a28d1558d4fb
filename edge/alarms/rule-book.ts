import "./alarm-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../core/station-error.js";
import { resolveRule } from "./resolve-rule.js";
import type { AlarmRuleInput, ResolvedRule } from "./rule-schema.js";

/**
 * The rules in force: those of the config file (changed only there) and those added through
 * the API or CLI (kept in `alarm_rules`). Indexed by metric, so a reading looks only at the
 * rules that watch one of its metrics.
 */
export class RuleBook {
  private rules: ResolvedRule[] = [];
  /** metric → device id → rules naming that device; metric → site → rules on that site. */
  private byDevice = new Map<string, Map<string, ResolvedRule[]>>();
  private bySite = new Map<string, Map<string, ResolvedRule[]>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Database,
    private readonly configRules: readonly AlarmRuleInput[],
    private readonly now: () => number,
  ) {
    this.reload();
  }

  all(): readonly ResolvedRule[] {
    return this.rules;
  }

  /** Does any rule watch this metric? (The hot path skips a metric no rule names.) */
  watches(metric: string): boolean {
    return this.byDevice.has(metric) || this.bySite.has(metric);
  }

  /** Rules naming this device for the metric (a device rule needs no site). */
  forDevice(metric: string, deviceId: string): readonly ResolvedRule[] | undefined {
    return this.byDevice.get(metric)?.get(deviceId);
  }

  /** Site rules for the metric (those without a device). */
  forSite(metric: string, site: string): readonly ResolvedRule[] | undefined {
    return this.bySite.get(metric)?.get(site);
  }

  get(id: string): ResolvedRule | undefined {
    return this.rules.find((r) => r.id === id);
  }

  onChange(fn: () => void): void {
    this.listeners.add(fn);
  }

  add(input: AlarmRuleInput): ResolvedRule {
    const resolved = resolveRule(input, "api");
    if (!resolved.ok) {
      throw new StationError("ALARM_RULE_INVALID", resolved.problems.join("; "), {
        problems: resolved.problems,
      });
    }
    if (this.get(input.id)) {
      throw new StationError("ALARM_RULE_EXISTS", `规则 ${input.id} 已存在 / rule exists`, { id: input.id });
    }
    this.db
      .prepare("INSERT INTO alarm_rules (id, body, created_at) VALUES (?, ?, ?)")
      .run(input.id, JSON.stringify(input), this.now());
    this.reload();
    return resolved.rule;
  }

  remove(id: string): void {
    const rule = this.get(id);
    if (!rule) throw new StationError("ALARM_NOT_FOUND", `规则 ${id} 不存在 / no rule ${id}`, { id });
    if (rule.origin === "config") {
      throw new StationError(
        "ALARM_RULE_EXISTS",
        `规则 ${id} 来自配置文件，请在配置中修改 / rule ${id} comes from the config file`,
        {
          id,
        },
      );
    }
    this.db.prepare("DELETE FROM alarm_rules WHERE id = ?").run(id);
    this.reload();
  }

  /** Re-read the API rules (the CLI may have changed them while the station runs). */
  reload(): void {
    const stored = this.db.prepare("SELECT body FROM alarm_rules ORDER BY created_at, id").all() as Array<{
      body: string;
    }>;
    const rules: ResolvedRule[] = [];
    for (const input of this.configRules) {
      const r = resolveRule(input, "config");
      // Config rules were checked at load (ruleListProblems); a bad one cannot reach here.
      if (r.ok) rules.push(r.rule);
    }
    const ids = new Set(rules.map((r) => r.id));
    for (const { body } of stored) {
      const r = resolveRule(JSON.parse(body) as AlarmRuleInput, "api");
      if (r.ok && !ids.has(r.rule.id)) rules.push(r.rule);
    }
    this.rules = rules;
    this.byDevice = new Map();
    this.bySite = new Map();
    for (const rule of rules) {
      if (!rule.enabled) continue;
      const [index, key] =
        rule.device !== null ? [this.byDevice, rule.device] : [this.bySite, rule.site ?? ""];
      const perMetric = index.get(rule.metric) ?? new Map<string, ResolvedRule[]>();
      perMetric.set(key, [...(perMetric.get(key) ?? []), rule]);
      index.set(rule.metric, perMetric);
    }
    for (const fn of this.listeners) fn();
  }
}
