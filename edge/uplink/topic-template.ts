import type { PendingRecord } from "./pending-record.js";

/**
 * Fill a topic template. Values are made safe for a topic name: MQTT 3.1.1 §4.7.1 reserves
 * `+` and `#` as wildcards, and a `/` inside a value would add a level.
 */
export function renderTopic(template: string, station: string, record: PendingRecord): string {
  const safe = (value: string): string => value.replace(/[+#/]/g, "_");
  return template
    .replaceAll("{station}", safe(station))
    .replaceAll("{stream}", safe(record.stream))
    .replaceAll("{kind}", safe(record.kind))
    .replaceAll("{device}", safe(record.device ?? "station"));
}
