import type { Bilingual } from "../core/code-entry.js";
import { metricDefinition } from "../core/metric-registry.js";
import type { AlarmRecord } from "./alarm-record.js";

/** An alarm with the plain words a packing-house screen shows: where, what, what to do. */
export interface AlarmView extends AlarmRecord {
  place: string;
  what: Bilingual;
  unit: string;
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** Render once on the station, so the kiosk, the CLI and the API say the same thing. */
export function presentAlarm(alarm: AlarmRecord, siteName: (id: string) => string | undefined): AlarmView {
  const metric = metricDefinition(alarm.metric);
  const unit = metric?.unit ?? "";
  const label = metric?.label ?? { zh: alarm.metric, en: alarm.metric };
  const value = alarm.value === null ? "" : `${num(alarm.value)} ${unit}`;
  const limit = `${num(Math.abs(alarm.threshold))} ${unit}`;
  let what: Bilingual;
  if (alarm.kind === "silent") {
    what = {
      zh: `传感器 ${alarm.deviceId} 没有${label.zh}数据`,
      en: `sensor ${alarm.deviceId} stopped reporting ${label.en}`,
    };
  } else if (alarm.kind === "rate") {
    const up = alarm.threshold > 0;
    what = {
      zh: `${label.zh}变化过快：${up ? "上升" : "下降"}超过 ${limit}，现为 ${value}`,
      en: `${label.en} ${up ? "rising" : "falling"} fast: over ${limit}, now ${value}`,
    };
  } else {
    const below = alarm.kind === "below";
    what = {
      zh: `${label.zh} ${value}，${below ? "低于" : "高于"} ${limit}`,
      en: `${label.en} ${value}, ${below ? "below" : "above"} ${limit}`,
    };
  }
  const site = alarm.siteId === null ? undefined : (siteName(alarm.siteId) ?? alarm.siteId);
  return { ...alarm, place: site ?? alarm.deviceId, what, unit };
}
