import type { EventHub } from "../http/event-hub.js";
import type { Alarm, OpsAlarms } from "./alarms.js";

/**
 * Station alarms (disk floor, clock) on the kiosk's live feed, kind "alarm" with
 * `source: "station"` and `active`. Kept as state per code, so a kiosk page that (re)connects
 * learns at once that intake is paused.
 */
export function forwardAlarms(alarms: OpsAlarms, hub: EventHub): () => void {
  const send = (alarm: Alarm, active: boolean) =>
    hub.publish("alarm", { source: "station", active, ...alarm }, `station:${alarm.code}`);
  const raised = (alarm: Alarm) => send(alarm, true);
  const cleared = (alarm: Alarm) => send(alarm, false);
  alarms.on("raised", raised);
  alarms.on("cleared", cleared);
  for (const alarm of alarms.list()) send(alarm, true);
  return () => {
    alarms.off("raised", raised);
    alarms.off("cleared", cleared);
  };
}
