import { presentAlarm } from "../alarms/alarm-view.js";
import type { TraceRecord } from "../domain/trace-record/trace-record.js";
import { dateTimeOf, esc } from "./html.js";

const SEVERITY: Record<string, string> = { critical: "紧急", warning: "注意", info: "提示" };

/**
 * Early-warning alarms on the batch's sites while it grew (a frost night, an oxygen crash), with
 * when each began and ended and whether someone took it in hand: a buyer sees the record is
 * honest, an inspector sees how the farm responded. Omitted when there were none.
 */
export function alarmsCard(record: TraceRecord, timeZone: string): string {
  const alarms = record.alarms ?? [];
  if (alarms.length === 0) return "";
  const sites = new Map(record.sites.map((s) => [s.id, s.name]));
  const when = (ms: number) => dateTimeOf(ms, timeZone);
  const rows = alarms
    .map((a) => {
      const view = presentAlarm(a, (id) => sites.get(id));
      const end = a.cleared ? when(a.cleared.at) : "未解除";
      // Who acknowledged stays off the public page (operator names are never public: issue 12).
      const handled = a.acknowledged ? "已处理" : "";
      return `<tr><td>${esc(when(a.since))}<small>至 ${esc(end)}</small></td><td>${esc(view.what.zh)}<small>${esc(view.place)}${handled ? ` · ${handled}` : ""}</small></td><td class="${a.severity === "critical" ? "fail" : ""}">${esc(SEVERITY[a.severity] ?? a.severity)}</td></tr>`;
    })
    .join("");
  return `<section class="card" id="alarms"><h2>生产期间预警 <small>alarms while it grew</small></h2><table class="list"><tr><th>时间</th><th>内容</th><th>级别</th></tr>${rows}</table></section>`;
}
