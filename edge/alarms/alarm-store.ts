import "./alarm-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../core/station-error.js";
import { enqueueOutbox } from "../store/outbox.js";
import {
  type ActionState,
  type AlarmActor,
  type AlarmRecord,
  alarmFromRow,
  SELECT_ALARMS,
} from "./alarm-record.js";
import type { ResolvedRule } from "./rule-schema.js";

export const ALARM_STREAM = "alarms";
export type AlarmStep = "raised" | "acknowledged" | "cleared" | "action";

/**
 * Alarm episodes on disk. Every step (raised, acknowledged, cleared, the action's outcome) is
 * written in one transaction with its outbox entry (DESIGN.md "Records"), under a record id
 * that names the step, so the receiver gets each step once however often the uplink resends.
 */
export class AlarmStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  raise(
    rule: ResolvedRule,
    deviceId: string,
    siteId: string | null,
    at: { since: number; at: number; value: number | null },
  ): AlarmRecord | undefined {
    return this.db
      .transaction(() => {
        // The partial unique index refuses a second open alarm; a racing CLI or restart lands here.
        const res = this.db
          .prepare(
            `INSERT INTO alarms (rule_id, rule, device_id, site_id, metric, kind, severity, state, threshold, value, since, raised_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'raised', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          )
          .run(
            rule.id,
            JSON.stringify(rule),
            deviceId,
            siteId,
            rule.metric,
            rule.kind,
            rule.severity,
            rule.threshold,
            at.value,
            at.since,
            at.at,
          );
        if (res.changes === 0) return undefined;
        return this.step(Number(res.lastInsertRowid), "raised");
      })
      .immediate();
  }

  acknowledge(id: number, actor: AlarmActor, note: string): AlarmRecord {
    return this.db
      .transaction(() => {
        const current = this.require(id);
        if (current.acknowledged) {
          throw new StationError(
            "ALARM_ALREADY_ACKNOWLEDGED",
            `预警 ${id} 已由 ${current.acknowledged.actor.name} 确认 / already acknowledged`,
            { id, actor: current.acknowledged.actor },
          );
        }
        // A cleared alarm may still be acknowledged (someone saw it afterwards); it stays cleared.
        this.db
          .prepare(
            `UPDATE alarms SET acked_at = ?, actor = ?, ack_note = ?,
             state = CASE WHEN state = 'raised' THEN 'acknowledged' ELSE state END WHERE id = ?`,
          )
          .run(this.now(), JSON.stringify(actor), note, id);
        return this.step(id, "acknowledged");
      })
      .immediate();
  }

  clear(id: number, at: number, value: number | null): AlarmRecord | undefined {
    return this.db
      .transaction(() => {
        const res = this.db
          .prepare(
            "UPDATE alarms SET state = 'cleared', cleared_at = ?, clear_value = ? WHERE id = ? AND cleared_at IS NULL",
          )
          .run(at, value, id);
        return res.changes === 0 ? undefined : this.step(id, "cleared");
      })
      .immediate();
  }

  /** Marked before the command is published, so a crash in between never publishes it twice. */
  actionSent(id: number, cmdId: string): boolean {
    const res = this.db
      .prepare(
        "UPDATE alarms SET action_state = 'sent', action_cmd_id = ?, action_sent_at = ? WHERE id = ? AND action_state = 'none'",
      )
      .run(cmdId, this.now(), id);
    return res.changes === 1;
  }

  /** The action's outcome; only the first one counts (a late ack after no_ack is not recorded). */
  actionResult(
    id: number,
    state: Exclude<ActionState, "none" | "sent">,
    detail: string | null,
  ): AlarmRecord | undefined {
    return this.db
      .transaction(() => {
        const from = state === "offline" ? "none" : "sent";
        const res = this.db
          .prepare(
            "UPDATE alarms SET action_state = ?, action_result_at = ?, action_detail = ? WHERE id = ? AND action_state = ?",
          )
          .run(state, this.now(), detail, id, from);
        return res.changes === 0 ? undefined : this.step(id, "action");
      })
      .immediate();
  }

  get(id: number): AlarmRecord | undefined {
    const row = this.db.prepare(`${SELECT_ALARMS} WHERE id = ?`).get(id);
    return row === undefined ? undefined : alarmFromRow(row);
  }

  /** The rule as it was when this alarm was raised (a later edit does not change its history). */
  ruleOf(id: number): ResolvedRule | undefined {
    const row = this.db.prepare("SELECT rule FROM alarms WHERE id = ?").get(id) as
      | { rule: string }
      | undefined;
    return row ? (JSON.parse(row.rule) as ResolvedRule) : undefined;
  }

  byCommand(cmdId: string): AlarmRecord | undefined {
    const row = this.db.prepare(`${SELECT_ALARMS} WHERE action_cmd_id = ?`).get(cmdId);
    return row === undefined ? undefined : alarmFromRow(row);
  }

  open(): AlarmRecord[] {
    const rows = this.db.prepare(`${SELECT_ALARMS} WHERE cleared_at IS NULL ORDER BY id`).all();
    return rows.map(alarmFromRow);
  }

  /** Newest first; `state: "open"` is every alarm not yet cleared. */
  list(options: { state?: "open" | "cleared" | "all"; limit?: number } = {}): AlarmRecord[] {
    const where =
      options.state === "open"
        ? "WHERE cleared_at IS NULL"
        : options.state === "cleared"
          ? "WHERE cleared_at IS NOT NULL"
          : "";
    const rows = this.db
      .prepare(`${SELECT_ALARMS} ${where} ORDER BY id DESC LIMIT ?`)
      .all(options.limit ?? 100);
    return rows.map(alarmFromRow);
  }

  /** Actions still waiting for their device's ack (swept at start after a crash or restart). */
  pendingActions(): AlarmRecord[] {
    const rows = this.db.prepare(`${SELECT_ALARMS} WHERE action_state = 'sent' ORDER BY id`).all();
    return rows.map(alarmFromRow);
  }

  /** Alarms on these sites whose episode overlaps [from, to]: what a batch's trace record lists. */
  forSites(siteIds: readonly string[], from: number, to: number): AlarmRecord[] {
    const rows = this.db
      .prepare(
        `${SELECT_ALARMS} WHERE site_id IN (SELECT value FROM json_each(?))
           AND since <= ? AND (cleared_at IS NULL OR cleared_at >= ?) ORDER BY since, id`,
      )
      .all(JSON.stringify(siteIds), to, from);
    return rows.map(alarmFromRow);
  }

  counts(): Array<{ severity: string; acknowledged: number; n: number }> {
    return this.db
      .prepare(
        `SELECT severity, acked_at IS NOT NULL AS acknowledged, count(*) AS n FROM alarms
         WHERE cleared_at IS NULL GROUP BY severity, acked_at IS NOT NULL`,
      )
      .all() as Array<{ severity: string; acknowledged: number; n: number }>;
  }

  private require(id: number): AlarmRecord {
    const found = this.get(id);
    if (!found) throw new StationError("ALARM_NOT_FOUND", `预警 ${id} 不存在 / no alarm ${id}`, { id });
    return found;
  }

  private step(id: number, step: AlarmStep): AlarmRecord {
    const record = this.require(id);
    enqueueOutbox(
      this.db,
      { stream: ALARM_STREAM, recordId: `alarm:${id}:${step}`, kind: `alarm.${step}`, payload: record },
      this.now(),
    );
    return record;
  }
}
