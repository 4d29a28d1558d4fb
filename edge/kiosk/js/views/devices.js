import { admin, readAsKiosk, report } from "../api.js";
import { fmtDate, fmtTime, h, mount } from "../dom.js";
import { pick, t } from "../i18n.js";
import { on } from "../live.js";
import { modal } from "../modal.js";
import { healthCell } from "./device-health.js";

/**
 * For the cooperative's technician: every device, whether it is online, what it last sent or
 * why it was refused. Printers are rows too (kind printer), with their fault and remedy.
 */
export function devicesView(el) {
  const box = h("section.card", h("p.muted", t("loading")));
  mount(el, box);

  /** Station drivers never log in over MQTT: the station answers with their driver's judgement. */
  const online = (d) => d.online;

  async function load() {
    try {
      const { devices } = await readAsKiosk("/api/devices");
      mount(
        box,
        h("h2", t("navDevices")),
        h(
          "table.grid",
          { "data-testid": "devices" },
          h(
            "tr",
            h("th", ""),
            h("th", t("health")),
            h("th", t("lastMessage")),
            h("th", t("lastRefusal")),
            h("th", ""),
          ),
          devices.map((d) =>
            h(
              "tr",
              h(
                "td",
                h(`span.state.${online(d) ? "done" : "failed"}`, online(d) ? t("online") : t("offline")),
                " ",
                h("strong", d.id),
                h("div.small", `${d.kind}${d.site ? ` · ${d.site}` : ""}`),
              ),
              h("td", healthCell(d.health)),
              h(
                "td",
                d.lastMessage
                  ? [
                      d.lastMessage.kind,
                      h(
                        "div.small",
                        `${fmtDate(d.lastMessage.receivedAt)} ${fmtTime(d.lastMessage.receivedAt)}`,
                      ),
                    ]
                  : t("none"),
              ),
              h(
                "td",
                d.lastRefusal
                  ? [
                      h("code", d.lastRefusal.code),
                      h("div.small", d.lastRefusal.reason),
                      // Still the device's problem (nothing good since): say what to do about it.
                      !d.health && d.problem ? h("div.remedy", pick(d.problem.remedy)) : null,
                    ]
                  : t("none"),
              ),
              h(
                "td",
                d.internal
                  ? null
                  : h("button", { type: "button", onclick: () => reset(d.id) }, t("resetCredentials")),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      report(err);
    }
  }

  async function reset(id) {
    try {
      const { secret } = await admin("POST", `/api/devices/${encodeURIComponent(id)}/reset-credentials`, {});
      await modal((close) => [
        h("h2", id),
        h("p", t("newSecret")),
        h("pre", h("code", secret)),
        h("button.primary", { onclick: () => close() }, t("confirm")),
      ]);
    } catch (err) {
      report(err);
    }
  }

  const offs = [on("device", load), on("alarm", load), on("open", load), on("printer", load)];
  load();
  return () => {
    for (const off of offs) off();
  };
}
