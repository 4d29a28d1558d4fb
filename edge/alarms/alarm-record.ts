import { Type } from "@sinclair/typebox";
import { jsonColumn, nullable, oneOf, type RecordOf, rowMapping } from "../core/row-mapping.js";
import { type ResolvedRule, RULE_KINDS, type RuleKind, SEVERITIES, type Severity } from "./rule-schema.js";

/** Who acknowledged: the credential the request carried, and the name the person typed. */
export interface AlarmActor {
  via: "kiosk-pin" | "admin-token" | "cli";
  name: string;
}

export const ACTION_STATES = ["none", "sent", "acknowledged", "refused", "no_ack", "offline"] as const;
export type ActionState = (typeof ACTION_STATES)[number];
export const ALARM_STATES = ["raised", "acknowledged", "cleared"] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

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

/** A row of `alarms` (alarm-migrations.ts): the one declaration of what an alarm stores. */
export const ALARM_COLUMNS = rowMapping({
  id: Type.Integer(),
  rule_id: Type.String(),
  /** The rule as it was when the alarm was raised. */
  rule: jsonColumn<ResolvedRule>(),
  device_id: Type.String(),
  site_id: nullable(Type.String()),
  metric: Type.String(),
  kind: oneOf(RULE_KINDS),
  severity: oneOf(SEVERITIES),
  state: oneOf(ALARM_STATES),
  threshold: Type.Number(),
  value: nullable(Type.Number()),
  since: Type.Integer(),
  raised_at: Type.Integer(),
  acked_at: nullable(Type.Integer()),
  actor: jsonColumn<AlarmActor | null>(),
  ack_note: nullable(Type.String()),
  cleared_at: nullable(Type.Integer()),
  clear_value: nullable(Type.Number()),
  action_state: oneOf(ACTION_STATES),
  action_cmd_id: nullable(Type.String()),
  action_sent_at: nullable(Type.Integer()),
  action_result_at: nullable(Type.Integer()),
  action_detail: nullable(Type.String()),
});
export type AlarmColumns = RecordOf<typeof ALARM_COLUMNS>;

/** `SELECT … FROM alarms`, to be followed by its WHERE. */
export const SELECT_ALARMS = `SELECT ${ALARM_COLUMNS.columns} FROM alarms`;

/** An alarm from a row selected with `SELECT_ALARMS`. */
export function alarmFromRow(row: unknown): AlarmRecord {
  return toAlarmRecord(ALARM_COLUMNS.record(row));
}

export function toAlarmRecord(row: AlarmColumns): AlarmRecord {
  const { rule } = row;
  return {
    id: row.id,
    ruleId: row.ruleId,
    deviceId: row.deviceId,
    siteId: row.siteId,
    metric: row.metric,
    kind: row.kind,
    severity: row.severity,
    state: row.state,
    threshold: row.threshold,
    value: row.value,
    since: row.since,
    raisedAt: row.raisedAt,
    acknowledged:
      row.ackedAt === null
        ? null
        : { at: row.ackedAt, actor: row.actor ?? ({} as AlarmActor), note: row.ackNote ?? "" },
    cleared: row.clearedAt === null ? null : { at: row.clearedAt, value: row.clearValue },
    action: rule.action
      ? {
          device: rule.action.device,
          command: rule.action.command,
          state: row.actionState,
          cmdId: row.actionCmdId,
          sentAt: row.actionSentAt,
          resultAt: row.actionResultAt,
          detail: row.actionDetail,
        }
      : null,
    advice: rule.advice,
    preset: rule.preset,
  };
}
