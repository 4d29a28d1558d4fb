import "./alarm-codes.js";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import { deviceTopic } from "../../broker/topics.js";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { AlarmRecord } from "./alarm-record.js";
import type { AlarmStep, AlarmStore } from "./alarm-store.js";
import type { ResolvedRule } from "./rule-schema.js";

export interface AlarmActionDeps {
  store: AlarmStore;
  devices: DeviceRegistry;
  clock: Clock;
  log: Logger;
  station: string;
  /** In-process publish into the broker (trusted: the station may write under a device's cmd/). */
  publish(topic: string, payload: string): void;
  changed(record: AlarmRecord, step: AlarmStep): void;
}

/**
 * An alarm's action: one command to an actuator (aerator, fan relay) under its cmd/ topic. At
 * most once per alarm: the row is marked `sent` before the publish, and nothing ever resends.
 * An offline device is recorded and shown as such; no command is queued for later, because a
 * fan that starts hours late is a surprise, not a remedy.
 */
export class AlarmActions {
  private readonly timers = new Map<number, TimerHandle>();

  constructor(private readonly deps: AlarmActionDeps) {}

  run(alarm: AlarmRecord, rule: ResolvedRule): void {
    const action = rule.action;
    if (!action) return;
    const { store, log } = this.deps;
    const device = this.deps.devices.get(action.device);
    if (!device?.online) {
      const why = device
        ? `设备 ${action.device} 离线，命令未发送 / device offline, command not sent`
        : `设备 ${action.device} 未登记 / device not registered`;
      const done = store.actionResult(alarm.id, "offline", why);
      log.warn({ alarm: alarm.id, device: action.device, code: "ALARM_DEVICE_OFFLINE" }, why);
      if (done) this.deps.changed(done, "action");
      return;
    }
    const cmdId = `${this.deps.station}-alarm-${alarm.id}`;
    if (!store.actionSent(alarm.id, cmdId)) return;
    const body = {
      ...(action.payload ?? {}),
      cmdId,
      alarm: alarm.id,
      rule: rule.id,
      ts: new Date(this.deps.clock.now()).toISOString(),
    };
    this.deps.publish(deviceTopic(action.device, `cmd/${action.command}`), JSON.stringify(body));
    log.info({ alarm: alarm.id, device: action.device, cmdId }, "alarm command sent");
    this.waitForAck(alarm.id, action.ackTimeoutSec * 1000);
    const sent = store.get(alarm.id);
    if (sent) this.deps.changed(sent, "action");
  }

  /** At start: commands sent before a restart either time out now or get the rest of their wait. */
  resume(): void {
    const now = this.deps.clock.now();
    for (const alarm of this.deps.store.pendingActions()) {
      const timeout = this.timeoutOf(alarm.id);
      this.waitForAck(alarm.id, Math.max(0, (alarm.action?.sentAt ?? now) + timeout - now));
    }
  }

  /** The device answered (ack projection): the first outcome is the one recorded. */
  answered(alarmId: number, ok: boolean, detail: string | null): AlarmRecord | undefined {
    const handle = this.timers.get(alarmId);
    if (handle) this.deps.clock.clearTimeout(handle);
    this.timers.delete(alarmId);
    return this.deps.store.actionResult(alarmId, ok ? "acknowledged" : "refused", detail);
  }

  stop(): void {
    for (const handle of this.timers.values()) this.deps.clock.clearTimeout(handle);
    this.timers.clear();
  }

  private timeoutOf(alarmId: number): number {
    const row = this.deps.store.ruleOf(alarmId);
    return (row?.action?.ackTimeoutSec ?? 30) * 1000;
  }

  private waitForAck(alarmId: number, ms: number): void {
    const handle = this.deps.clock.setTimeout(() => {
      this.timers.delete(alarmId);
      const done = this.deps.store.actionResult(
        alarmId,
        "no_ack",
        "设备在时限内没有回执 / no acknowledgement from the device in time",
      );
      if (!done) return;
      this.deps.log.warn({ alarm: alarmId, code: "ALARM_ACTION_NO_ACK" }, "alarm command not acknowledged");
      this.deps.changed(done, "action");
    }, ms);
    handle.unref?.();
    this.timers.set(alarmId, handle);
  }
}
