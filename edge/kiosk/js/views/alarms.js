import { get, report, write } from "../api.js";
import { fmtDate, fmtTime, h, mount } from "../dom.js";
import { language, pick } from "../i18n.js";
import { modal } from "../modal.js";
import { onAlarmsChanged, openAlarms, rememberAlarm } from "../rule-alarms.js";

/** Words of this screen, Chinese first; kept here so the shared text table stays untouched. */
const W = {
  title: ["预警", "Alarms"],
  none: ["现在没有预警", "No open alarms"],
  where: ["地点", "Where"],
  since: ["开始于", "Since"],
  todo: ["怎么办", "What to do"],
  ack: ["我来处理", "I'm on it"],
  ackedBy: ["已确认", "Acknowledged by"],
  name: ["你的姓名", "Your name"],
  note: ["处理说明（可不填）", "What you did (optional)"],
  confirm: ["确认", "Confirm"],
  cancel: ["取消", "Cancel"],
  recent: ["最近解除", "Recently cleared"],
  cleared: ["已解除", "Cleared"],
  critical: ["紧急", "Critical"],
  warning: ["注意", "Warning"],
  info: ["提示", "Info"],
  action_sent: ["已发命令给 {d}，等待回执", "Command sent to {d}, waiting for its answer"],
  action_acknowledged: ["{d} 已执行命令", "{d} carried out the command"],
  action_refused: ["{d} 报告执行失败，请到现场手动处理", "{d} reported a failure: act on site by hand"],
  action_no_ack: ["{d} 没有回执，请到现场确认", "{d} did not answer: check on site"],
  action_offline: [
    "{d} 离线，命令未发送，请到现场手动开启",
    "{d} is offline, no command sent: switch it on by hand",
  ],
};
const w = (key) => (language() === "en" ? W[key][1] : W[key][0]);
const when = (ms) => `${fmtDate(ms)} ${fmtTime(ms)}`;

function actionLine(a) {
  if (!a.action || a.action.state === "none") return null;
  const level = a.action.state === "acknowledged" || a.action.state === "sent" ? "ok" : "bad";
  return h(`p.alarm-action.${level}`, w(`action_${a.action.state}`).replace("{d}", a.action.device));
}

async function acknowledge(alarm) {
  const answer = await modal((close) => {
    const name = h("input", {
      autocomplete: "off",
      autofocus: true,
      value: localStorage.getItem("kiosk.operator") || "",
      "data-testid": "ack-name",
    });
    const note = h("input", { autocomplete: "off", "data-testid": "ack-note" });
    return [
      h("h2", pick(alarm.what)),
      h("label", w("name"), name),
      h("label", w("note"), note),
      h(
        "button.primary",
        {
          type: "button",
          "data-testid": "ack-confirm",
          onclick: () => close({ name: name.value.trim(), note: note.value.trim() }),
        },
        w("confirm"),
      ),
      h("button.ghost", { type: "button", onclick: () => close(undefined) }, w("cancel")),
    ];
  });
  if (!answer?.name) return;
  localStorage.setItem("kiosk.operator", answer.name);
  try {
    const { alarm: updated } = await write("POST", `/api/alarms/${alarm.id}/ack`, answer);
    rememberAlarm(updated);
  } catch (err) {
    report(err);
  }
}

function card(a) {
  return h(
    `article.alarm.${a.severity}${a.acknowledged ? ".acked" : ""}`,
    { "data-testid": "alarm" },
    h("div.alarm-head", h("span.alarm-sev", w(a.severity)), h("strong.alarm-what", pick(a.what))),
    h("dl.alarm-facts", h("dt", w("where")), h("dd", a.place), h("dt", w("since")), h("dd", when(a.since))),
    h("p.alarm-todo", h("b", `${w("todo")}：`), pick(a.advice)),
    actionLine(a),
    a.acknowledged
      ? h(
          "p.alarm-acked",
          `${w("ackedBy")}：${a.acknowledged.actor?.name ?? "—"} · ${fmtTime(a.acknowledged.at)}${a.acknowledged.note ? ` · ${a.acknowledged.note}` : ""}`,
        )
      : h(
          "button.primary.alarm-ack",
          { type: "button", "data-testid": "alarm-ack", onclick: () => acknowledge(a) },
          w("ack"),
        ),
  );
}

/** Open alarms first, the worst on top; the last few cleared ones below for the shift handover. */
export function alarmsView(el) {
  const box = h("div.stack");
  const recent = h("section.card");
  mount(el, h("div.stack", box, recent));
  const rank = { critical: 0, warning: 1, info: 2 };

  function render() {
    const open = [...openAlarms.values()].sort(
      (x, y) => rank[x.severity] - rank[y.severity] || y.since - x.since,
    );
    mount(
      box,
      open.length
        ? open.map(card)
        : h("section.card", h("p.muted", { "data-testid": "no-alarms" }, w("none"))),
    );
  }

  async function loadRecent() {
    try {
      const { alarms } = await get("/api/alarms?state=cleared&limit=5");
      mount(
        recent,
        h("h2", w("recent")),
        alarms.length === 0
          ? h("p.muted", "—")
          : h(
              "table.grid",
              alarms.map((a) =>
                h(
                  "tr",
                  h("td", a.place),
                  h("td", pick(a.what)),
                  h("td", `${when(a.since)} → ${fmtTime(a.cleared?.at)}`),
                ),
              ),
            ),
      );
    } catch (err) {
      report(err);
    }
  }

  render();
  loadRecent();
  const off = onAlarmsChanged(() => {
    render();
    loadRecent();
  });
  return off;
}
