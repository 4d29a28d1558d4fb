import { h, mount } from "./dom.js";
import { pick, t } from "./i18n.js";
import { myWeight, state } from "./live.js";
import { modal } from "./modal.js";
import { ruleAlarmChip } from "./rule-alarms.js";

/**
 * Scale, printer and link state, always on screen. Each chip is a button: tapping it says what
 * to do about the problem it shows.
 */
export function scaleStatus() {
  const w = myWeight();
  const scale = state.myScale ? state.scales.get(state.myScale) : [...state.scales.values()][0];
  if (!scale && !w) return { level: "", text: t("noScale"), help: null };
  if (scale && (scale.state === "offline" || scale.connected === false)) {
    return { level: "bad", text: `${t("scale")} ${t("offline")}`, help: t("doScaleOffline") };
  }
  // The indicator's own states (DOMAIN.md §5: OL/LO, negative, error) are never a weight.
  if (w?.state && w.state !== "ok") {
    return { level: "bad", text: `${t("scale")} ${t(`scale_${w.state}`)}`, help: t(`do_scale_${w.state}`) };
  }
  // An empty platform drifts around zero: that is not an unstable weighing.
  if (w && !w.stable && w.netKg > 0) {
    return { level: "warn", text: `${t("scale")} ${t("unstable")}`, help: t("doUnstable") };
  }
  return { level: "ok", text: `${t("scale")} ${t("ok")}`, help: null };
}

/**
 * The printers' chip: a printer's health record (live `device` events, kind printer: its fault
 * code and remedy) first, then the queue's `printer` events (busy, paper out while printing).
 */
export function printerStatus() {
  const printers = [...state.printers.values()];
  const health = [...state.devices.values()].filter((d) => d.kind === "printer");
  if (printers.length === 0 && health.length === 0) return { level: "", text: t("noPrinter"), help: null };
  const sick = health.find((d) => d.problem && !d.online);
  if (sick) {
    const paper = sick.problem.code === "PRINTER_PAPER_OUT";
    // The packer's instruction first; the code and the catalogue's remedy for the technician.
    const todo = paper ? t("doPaperOut") : t("doPrinterOffline");
    const help = `${todo} — ${sick.deviceId}: [${sick.problem.code}] ${pick(sick.problem.remedy)}`;
    return { level: "bad", text: `${t("printer")} ${paper ? t("paperOut") : t("offline")}`, help };
  }
  if (printers.length === 0) {
    if (health.every((d) => d.link === "unknown"))
      return { level: "", text: t("unknownPrinter"), help: null };
    return { level: "ok", text: `${t("printer")} ${t("ok")}`, help: null };
  }
  // A queue event older than the printer's health record (now online) is not its state any more.
  const online = new Set(health.filter((d) => d.online).map((d) => d.deviceId));
  const bad = printers.find(
    (p) => (p.state === "paper_out" || p.state === "offline" || p.state === "error") && !online.has(p.name),
  );
  if (bad?.state === "paper_out")
    return { level: "bad", text: `${t("printer")} ${t("paperOut")}`, help: t("doPaperOut") };
  if (bad) {
    return {
      level: "bad",
      text: `${t("printer")} ${t("offline")}`,
      help: bad.reason ? `${bad.reason} — ${t("doPrinterOffline")}` : t("doPrinterOffline"),
    };
  }
  if (printers.some((p) => p.state === "busy"))
    return { level: "ok", text: `${t("printer")} ${t("busy")}`, help: null };
  // Many USB and cheap network printers never answer a status request: say so, do not guess.
  if (printers.every((p) => p.state === "unknown"))
    return { level: "", text: t("unknownPrinter"), help: null };
  return { level: "ok", text: `${t("printer")} ${t("ok")}`, help: null };
}

/** Station-driven devices in trouble (wrong protocol, silent indicator, dead sensor), from the live feed. */
export function deviceStatus() {
  // Printers have their own chip.
  const all = [...state.devices.values()].filter((d) => d.kind !== "printer");
  if (all.length === 0) return null;
  const bad = all.filter((d) => d.problem && !d.online);
  if (bad.length === 0) return { level: "ok", text: t("devicesOk"), help: null };
  const first = bad[0];
  return {
    level: "bad",
    text: `${bad.length} ${t("devicesTrouble")}`,
    help:
      bad.map((d) => `${d.id}: [${d.problem.code}] ${pick(d.problem.remedy)}`).join("\n") ||
      pick(first.problem.remedy),
  };
}

function chip(status, testid) {
  const help = () =>
    modal((close) => [
      h("h2", status.text),
      h("p", status.help),
      h("button.primary", { onclick: () => close() }, t("confirm")),
    ]);
  return h(
    `button.chip${status.level ? `.${status.level}` : ""}`,
    { type: "button", "data-testid": testid, onclick: status.help ? help : undefined },
    h("span.dot"),
    status.text,
  );
}

export function renderChips() {
  const devices = deviceStatus();
  const link = state.connected
    ? { level: "ok", text: `${t("link")} ${t("ok")}`, help: null }
    : { level: "bad", text: t("reconnecting"), help: null };
  mount(
    document.getElementById("chips"),
    chip(scaleStatus(), "scale-chip"),
    chip(printerStatus(), "printer-chip"),
    ...(devices ? [chip(devices, "device-chip")] : []),
    chip(link, "link-chip"),
    ruleAlarmChip(),
  );
}

/** The same problems as banners with the remedy spelled out, plus station alarms (disk, clock). */
export function problemBanners() {
  const devices = [scaleStatus(), printerStatus(), deviceStatus()]
    .filter((s) => s !== null)
    .filter((s) => s.level === "bad" && s.help)
    .map((s) => h("div.banner.bad", { role: "status" }, h("strong", s.text), h("span", s.help)));
  const alarms = [...state.alarms.values()].map((a) =>
    h("div.banner.warn", { role: "status" }, h("strong", pick(a.title) || a.code), h("span", pick(a.remedy))),
  );
  return [...devices, ...alarms];
}
