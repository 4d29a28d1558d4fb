import type { ResolvedRule, RuleKind, Severity } from "./rule-schema.js";

/** Who acknowledged: the credential the request carried, and the name the person typed. */
export interface AlarmActor {
  via: "kiosk-pin" | "admin-token" | "cli";
  name: string;
}

export type ActionState = "none" | "sent" | "acknowledged" | "refused" | "no_ack" | "offline";
export type AlarmState = "raised" | "acknowledged" | "cleared";

/** One alarm episode as the API, the uplink and the trace record see it. */
export interface AlarmRecord {
  id: number;
  ruleId: string;
  deviceId: string;
  siteId: string | null;
  metric: string;
  kind: RuleKind;
  severity: Severity;
  state: AlarmState;
  threshold: number;
  /** The value that raised it (null for a silent sensor). */
  value: number | null;
  /** When the condition began (first reading over the limit, or the last reading heard). */
  since: number;
  raisedAt: number;
  acknowledged: { at: number; actor: AlarmActor; note: string } | null;
  cleared: { at: number; value: number | null } | null;
  action: {
    device: string;
    command: string;
    state: ActionState;
    cmdId: string | null;
    sentAt: number | null;
    resultAt: number | null;
    detail: string | null;
  } | null;
  advice: { zh: string; en: string };
  preset: string | null;
}

export interface AlarmRow {
  id: number;
  rule_id: string;
  rule: string;
  device_id: string;
  site_id: string | null;
  metric: string;
  kind: RuleKind;
  severity: Severity;
  state: AlarmState;
  threshold: number;
  value: number | null;
  since: number;
  raised_at: number;
  acked_at: number | null;
  actor: string | null;
  ack_note: string | null;
  cleared_at: number | null;
  clear_value: number | null;
  action_state: ActionState;
  action_cmd_id: string | null;
  action_sent_at: number | null;
  action_result_at: number | null;
  action_detail: string | null;
}

export function toAlarmRecord(row: AlarmRow): AlarmRecord {
  const rule = JSON.parse(row.rule) as ResolvedRule;
  return {
    id: row.id,
    ruleId: row.rule_id,
    deviceId: row.device_id,
    siteId: row.site_id,
    metric: row.metric,
    kind: row.kind,
    severity: row.severity,
    state: row.state,
    threshold: row.threshold,
    value: row.value,
    since: row.since,
    raisedAt: row.raised_at,
    acknowledged:
      row.acked_at === null
        ? null
        : { at: row.acked_at, actor: JSON.parse(row.actor ?? "{}") as AlarmActor, note: row.ack_note ?? "" },
    cleared: row.cleared_at === null ? null : { at: row.cleared_at, value: row.clear_value },
    action: rule.action
      ? {
          device: rule.action.device,
          command: rule.action.command,
          state: row.action_state,
          cmdId: row.action_cmd_id,
          sentAt: row.action_sent_at,
          resultAt: row.action_result_at,
          detail: row.action_detail,
        }
      : null,
    advice: rule.advice,
    preset: rule.preset,
  };
}
