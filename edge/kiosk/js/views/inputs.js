import { get, report, write } from "../api.js";
import { fmtDate, h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { on } from "../live.js";
import { toast } from "../modal.js";

const KINDS = ["pesticide", "fertilizer", "vet_drug", "feed"];

/**
 * 投入品使用记录 at the kiosk. Scanning the bottle's label QR (a keyboard-mode scanner types it
 * into the first field; a serial scanner's code arrives as a live `scan`) pre-fills product,
 * registration number and ingredients from the station's registry, so the gate checks the
 * substance, not a typed name. The time is sent as typed: the station reads it in its zone.
 */
export function inputsView(el) {
  const field = (testid, props = {}) => h("input", { autocomplete: "off", "data-testid": testid, ...props });
  const qr = field("input-qr", { placeholder: t("scanBottle") });
  const site = h("select", { "data-testid": "input-site" });
  const kind = h(
    "select",
    { "data-testid": "input-kind" },
    KINDS.map((k) => h("option", { value: k }, t(`kind_${k}`))),
  );
  const name = field("input-name");
  const regNo = field("input-reg-no");
  const active = field("input-active");
  const amount = field("input-amount", { type: "number", min: "0", step: "any", inputmode: "decimal" });
  const unit = field("input-unit", { value: "mL" });
  const interval = field("input-interval", { type: "number", min: "0", step: "1", value: "0" });
  const operator = field("input-operator", { value: localStorage.getItem("kiosk.operator") || "" });
  const at = field("input-at", { type: "datetime-local", value: localNow() });
  const list = h("section.card");

  async function prefill(code) {
    qr.value = code;
    try {
      const { prefill: p } = await get(`/api/inputs/label-qr?code=${encodeURIComponent(code)}`);
      if (p.kind) kind.value = p.kind;
      name.value = p.name ?? name.value;
      regNo.value = p.regNo ?? "";
      active.value = p.activeIngredient ?? "";
      if (p.intervalDays !== undefined) interval.value = String(p.intervalDays);
    } catch (err) {
      // Unknown product: the worker types the number and ingredients once; the QR is kept.
      report(err);
    }
  }

  async function submit(event) {
    event.preventDefault();
    const body = {
      siteId: site.value,
      kind: kind.value,
      name: name.value.trim(),
      amount: Number(amount.value || 0),
      unit: unit.value.trim(),
      intervalDays: Number(interval.value || 0),
      operator: operator.value.trim(),
      appliedAt: at.value.replace("T", " "),
    };
    for (const [key, input] of [
      ["regNo", regNo],
      ["activeIngredient", active],
      ["labelQr", qr],
    ]) {
      if (input.value.trim()) body[key] = input.value.trim();
    }
    try {
      const res = await write("POST", "/api/inputs", body);
      localStorage.setItem("kiosk.operator", body.operator);
      toast(res.warning ? res.warning.split(" / ")[0] : t("saved"), res.warning ? "error" : "ok");
      for (const input of [qr, name, regNo, active, amount]) input.value = "";
      await load();
    } catch (err) {
      report(err);
    }
  }

  async function load() {
    try {
      const [{ sites }, { inputs }] = await Promise.all([get("/api/sites"), get("/api/inputs?limit=15")]);
      const chosen = site.value;
      mount(
        site,
        sites.map((s) => h("option", { value: s.id, selected: s.id === chosen }, s.name)),
      );
      mount(
        list,
        h("h2", t("recentInputs")),
        h(
          "table.grid",
          inputs.map((i) =>
            h(
              "tr",
              h("td", i.name, h("div.small", [i.regNo, i.activeIngredient].filter(Boolean).join(" · "))),
              h("td", i.siteId),
              h("td", fmtDate(i.appliedAt)),
            ),
          ),
        ),
      );
    } catch (err) {
      report(err);
    }
  }

  qr.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      if (qr.value.trim()) prefill(qr.value.trim());
    }
  });
  mount(
    el,
    h(
      "form.card.stack",
      { onsubmit: submit },
      h("h2", t("navInputs")),
      h("label", t("labelQr"), qr),
      h("div.row", h("label.grow", t("site"), site), h("label.grow", t("kind"), kind)),
      h("div.row", h("label.grow", t("product"), name), h("label.grow", t("regNo"), regNo)),
      h("label", t("activeIngredient"), active),
      h(
        "div.row",
        h("label.grow", t("amount"), amount),
        h("label", t("unit"), unit),
        h("label", t("intervalDays"), interval),
      ),
      h("div.row", h("label.grow", t("applier"), operator), h("label.grow", t("time"), at)),
      h("button.primary", { type: "submit", "data-testid": "input-save" }, t("save")),
    ),
    h("div", { style: "height:10px" }),
    list,
  );
  const offs = [on("label_qr", (s) => prefill(s.code)), on("open", load)];
  load();
  return () => {
    for (const off of offs) off();
  };
}

/** "YYYY-MM-DDTHH:mm" of now on this screen's clock, for the datetime-local field. */
function localNow() {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}
