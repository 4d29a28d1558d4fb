import { type Static, Type } from "@sinclair/typebox";

/**
 * An alarm rule as data (config file or API). A rule either names a shipped preset and a place
 * (`site` or `device`), overriding any field it wants, or spells every field out. `resolveRule`
 * turns it into a `ResolvedRule` or lists what is missing; the config loader and the API call it.
 */

const Bilingual = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const RULE_KINDS = ["below", "above", "rate", "silent"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RuleAction = Type.Object(
  {
    device: Type.String({
      pattern: "^[A-Za-z0-9_-]{1,64}$",
      description:
        "接收命令的设备编号（增氧机、风机继电器）/ device that gets the command (aerator, fan relay)",
    }),
    command: Type.String({
      pattern: "^[a-z0-9_-]{1,32}$",
      description:
        "命令名，发往 trace/v1/dev/{device}/cmd/{command} / command name, published to trace/v1/dev/{device}/cmd/{command}",
    }),
    payload: Type.Optional(
      Type.Record(
        Type.String({ minLength: 1, maxLength: 64 }),
        Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
        {
          description: '命令附带的参数，如 {"on": true} / command parameters, e.g. {"on": true}',
        },
      ),
    ),
    ackTimeoutSec: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 30,
      description:
        "等设备回执的秒数，超时记为无回执 / seconds to wait for the device's ack before recording none",
    }),
  },
  { additionalProperties: false },
);
export type RuleAction = Static<typeof RuleAction>;

export const AlarmRuleInput = Type.Object(
  {
    id: Type.String({
      pattern: "^[a-z0-9][a-z0-9_-]{0,47}$",
      description: "规则编号（小写字母、数字、- _）/ rule id (lower-case letters, digits, - _)",
    }),
    preset: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 48,
        description: "预设名，见 trace-station alarms presets / preset name",
      }),
    ),
    site: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "适用的地块/温室/圈舍/池塘编号 / site the rule watches",
      }),
    ),
    device: Type.Optional(
      Type.String({
        pattern: "^[A-Za-z0-9_-]{1,64}$",
        description: "只看这一台传感器 / watch only this sensor",
      }),
    ),
    metric: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "指标名，如 air_temp / metric" }),
    ),
    kind: Type.Optional(
      Type.Union(
        RULE_KINDS.map((k) => Type.Literal(k)),
        {
          description:
            "below 低于、above 高于（持续 forSec 秒）、rate 变化过快（windowSec 内变化 delta）、silent 传感器不再上报 / below, above, rate of change, silent sensor",
        },
      ),
    ),
    threshold: Type.Optional(
      Type.Number({ description: "阈值（指标的单位）/ threshold in the metric's unit" }),
    ),
    forSec: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 7 * 86400,
        description: "越限持续多少秒才报警 / seconds over the limit before raising",
      }),
    ),
    hysteresis: Type.Optional(
      Type.Number({
        minimum: 0,
        description:
          "回差：回到阈值另一侧多少才解除，防止反复报警 / how far back past the threshold before clearing",
      }),
    ),
    delta: Type.Optional(
      Type.Number({
        description:
          "rate：windowSec 内变化量，正为上升、负为下降 / rate: change within windowSec (+ rise, − fall)",
      }),
    ),
    windowSec: Type.Optional(
      Type.Integer({ minimum: 60, maximum: 86400, description: "rate 的时间窗（秒）/ rate window, s" }),
    ),
    silentSec: Type.Optional(
      Type.Integer({
        minimum: 5,
        maximum: 7 * 86400,
        description: "silent：多少秒没有读数算失联 / seconds without a reading",
      }),
    ),
    severity: Type.Optional(
      Type.Union(
        SEVERITIES.map((s) => Type.Literal(s)),
        { description: "info、warning、critical" },
      ),
    ),
    advice: Type.Optional(Bilingual),
    action: Type.Optional(RuleAction),
    enabled: Type.Optional(Type.Boolean({ description: "false = 暂停此规则 / false pauses the rule" })),
  },
  { additionalProperties: false },
);
export type AlarmRuleInput = Static<typeof AlarmRuleInput>;

/** A rule with every field it needs; what the evaluator and the alarm records work with. */
export interface ResolvedRule {
  id: string;
  preset: string | null;
  site: string | null;
  device: string | null;
  metric: string;
  kind: RuleKind;
  /** below/above: the limit; rate: the change; silent: unused (0). */
  threshold: number;
  forSec: number;
  hysteresis: number;
  windowSec: number;
  silentSec: number;
  severity: Severity;
  advice: { zh: string; en: string };
  action: RuleAction | null;
  source: string | null;
  enabled: boolean;
  origin: "config" | "api";
}

export const AlarmsSection = Type.Object(
  {
    rules: Type.Array(AlarmRuleInput, {
      default: [],
      description:
        "预警规则；可只写 {id, preset, site}，其余取预设值 / alarm rules; {id, preset, site} takes the rest from the preset",
    }),
    silentCheckSec: Type.Integer({
      minimum: 1,
      maximum: 600,
      default: 5,
      description: "检查传感器失联的间隔（秒）/ how often silent sensors are checked, s",
    }),
  },
  { additionalProperties: false, default: {} },
);
export type AlarmsConfig = Static<typeof AlarmsSection>;
