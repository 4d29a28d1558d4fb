import "./alarm-codes.js";
import type { AckMessage } from "../intake/contract.js";
import type { Projection } from "../intake/projector.js";
import type { AlarmEngine } from "./alarm-engine.js";
import type { AlarmStore } from "./alarm-store.js";

/**
 * A device's `ack` message → the outcome of the alarm command it answers. A projection, so an
 * ack stored just before a crash is still applied at the next start (projector catch-up runs
 * before the engine sweeps unanswered commands into no_ack).
 */
export function alarmAckProjection(store: AlarmStore, engine: AlarmEngine): Projection {
  return {
    name: "alarm-acks",
    kinds: ["ack"],
    apply(_db, message) {
      const ack = JSON.parse(message.payload) as AckMessage;
      const alarm = store.byCommand(ack.cmdId);
      if (!alarm || alarm.action?.device !== message.deviceId) {
        return {
          code: "ALARM_NOT_FOUND",
          reason: `没有发给本设备的命令 ${ack.cmdId} / no command ${ack.cmdId} was sent to this device`,
        };
      }
      const done = engine.actions.answered(alarm.id, ack.ok, ack.detail ?? null);
      // Listeners run after this transaction commits: they must never see a record that rolls back.
      if (done) queueMicrotask(() => engine.emit("changed", done, "action"));
      return undefined;
    },
  };
}
