import { get } from "./api.js";
import { h } from "./dom.js";
import { language } from "./i18n.js";
import { on } from "./live.js";

/**
 * The farm's early-warning alarms (source "rule"), apart from the station's own (disk, clock):
 * open ones by id, loaded at start and after every reconnection, then kept by the live feed.
 */
export const openAlarms = new Map();
const watchers = new Set();

const WORDS = {
  alarms: ["预警", "Alarms"],
  none: ["无预警", "No alarms"],
};
export const word = (key) => (language() === "en" ? WORDS[key][1] : WORDS[key][0]);

function changed() {
  for (const fn of watchers) fn();
}

export function onAlarmsChanged(fn) {
  watchers.add(fn);
  return () => watchers.delete(fn);
}

async function load() {
  try {
    const { alarms } = await get("/api/alarms?state=open");
    openAlarms.clear();
    for (const a of alarms) openAlarms.set(a.id, a);
    changed();
  } catch {
    // The live link retries; the next "open" loads again.
  }
}

/**
 * The public live feed carries no names or notes (issue 12): what this screen already learnt
 * with its PIN (its own acknowledgement's answer) stays when the feed repeats the alarm.
 */
function keepKnown(known, alarm) {
  const ack = alarm.acknowledged;
  if (!ack || ack.actor || !known?.acknowledged?.actor) return alarm;
  return {
    ...alarm,
    acknowledged: { ...ack, actor: known.acknowledged.actor, note: known.acknowledged.note },
  };
}

/** An alarm this screen read with its PIN (e.g. its own acknowledgement's answer). */
export function rememberAlarm(alarm) {
  openAlarms.set(alarm.id, alarm);
  changed();
}

export function startRuleAlarms() {
  on("open", load);
  on("alarm", (data) => {
    if (data.source !== "rule") return;
    if (data.active) openAlarms.set(data.alarm.id, keepKnown(openAlarms.get(data.alarm.id), data.alarm));
    else openAlarms.delete(data.alarm.id);
    changed();
  });
  load();
}

/** Status-bar chip: red while an alarm is unacknowledged, amber once someone took it. */
export function ruleAlarmChip() {
  const open = [...openAlarms.values()];
  const unacked = open.filter((a) => !a.acknowledged).length;
  const level = unacked > 0 ? "bad" : open.length > 0 ? "warn" : "";
  const text = open.length > 0 ? `${word("alarms")} ${open.length}` : word("none");
  return h(
    `a.chip${level ? `.${level}` : ""}`,
    { href: "#/alarms", "data-testid": "alarm-chip" },
    h("span.dot"),
    text,
  );
}
