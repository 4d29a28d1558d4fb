import { fmtDate, fmtTime, h } from "../dom.js";
import { pick, t } from "../i18n.js";

const when = (ms) => `${fmtDate(ms)} ${fmtTime(ms)}`;

/**
 * One device's health cell (issue 14): the problem with its code and what to do, then the
 * figures a technician compares (frames decoded against bytes discarded, silence, Modbus
 * answer rate and last timeout; a printer's jobs instead). MQTT devices have no driver health:
 * nothing is shown.
 */
export function healthCell(health) {
  if (!health) return t("none");
  const figures = health.printer
    ? printerFigures(health.printer)
    : [`${t("framesDecoded")} ${health.framesDecoded}`, `${t("bytesDiscarded")} ${health.bytesDiscarded}`];
  if (health.link === "down") figures.unshift(t("linkDown"));
  if (health.silentSince) figures.push(`${t("silentSince")} ${when(health.silentSince)}`);
  if (health.modbus) {
    const rate = health.modbus.answerRate;
    figures.push(`${t("answerRate")} ${rate === null ? "–" : `${Math.round(rate * 100)}%`}`);
    if (health.modbus.lastTimeoutAt) figures.push(`${t("lastTimeout")} ${when(health.modbus.lastTimeoutAt)}`);
  }
  const p = health.problem;
  const fine = health.link === "unknown" ? t("notCheckedYet") : t("ok");
  return [
    p
      ? h(
          "div.problem",
          { "data-testid": `health-${health.id}` },
          h("code", p.code),
          " ",
          h("strong", pick(p.title)),
          h("div", pick(p.remedy)),
          p.detail ? h("div.small", p.detail) : null,
        )
      : h("div", { "data-testid": `health-${health.id}` }, fine),
    h("div.small", `${health.port}${health.line ? ` · ${health.line}` : ""}`),
    h("div.small", figures.join(" · ")),
  ];
}

/** A printer's figures: its jobs by outcome and when the station last heard from it. */
function printerFigures(printer) {
  const figures = [
    `${t("jobsDone")} ${printer.jobsDone}`,
    `${t("jobsFailed")} ${printer.jobsFailed}`,
    `${t("jobsWaiting")} ${printer.jobsQueued}`,
  ];
  if (printer.jobsNeedConfirmation > 0)
    figures.push(`${t("jobsUnconfirmed")} ${printer.jobsNeedConfirmation}`);
  if (printer.lastCheckAt) figures.push(`${t("lastCheck")} ${when(printer.lastCheckAt)}`);
  return figures;
}
