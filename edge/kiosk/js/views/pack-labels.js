import { fmtKg, fmtTime, h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { modal } from "../modal.js";
import { jobState } from "./job-state.js";

export { jobState };

/**
 * The running total (accepted packages only) and the newest packages of the batch, each with
 * its label's state, 补打 and 作废.
 */
export function renderLastLabels(el, detail, actions) {
  const packages = detail?.packages || [];
  mount(
    el,
    h(
      "div.totals",
      h("span", t("total")),
      h(
        "span.big",
        { "data-testid": "total" },
        `${detail?.totals.count ?? 0} ${t("packages")} · ${fmtKg(detail?.totals.netKg ?? 0)} kg`,
      ),
    ),
    h("h2", t("lastLabels")),
    packages.length === 0
      ? h("p.muted", t("noLabels"))
      : h(
          "ul.labels",
          { "data-testid": "last-labels" },
          packages.map((p) =>
            h(
              `li${p.state === "voided" ? ".voided" : ""}`,
              h(
                "span",
                h("strong", `${fmtKg(p.netKg)} kg`),
                p.source === "manual" ? h("span.small", ` ${t("manualMark")}`) : null,
                h("div.serial", p.serial),
              ),
              h(
                "span",
                fmtTime(p.weighedAt),
                " ",
                p.state === "voided"
                  ? h("span.state.failed", { title: p.voidReason || "" }, t("voided"))
                  : jobState(p.job),
                p.state === "voided"
                  ? null
                  : [
                      h(
                        "button.small-action",
                        { type: "button", onclick: () => actions.reprint(p) },
                        t("reprint"),
                      ),
                      h(
                        "button.small-action",
                        { type: "button", "data-testid": `void-${p.serial}`, onclick: () => actions.void(p) },
                        t("void"),
                      ),
                    ],
              ),
            ),
          ),
        ),
  );
}

/** An on-screen numeric keypad for a weight in kg (gloved hands, no keyboard on the kiosk). */
export function askKg(title, initial) {
  return modal((close) => {
    let value = initial ? String(initial) : "";
    const shown = h("div.pin-dots", { "data-testid": "kg-value" });
    const render = () => {
      shown.textContent = value ? `${value} kg` : "— kg";
    };
    const press = (c) => {
      if (c === "." && value.includes(".")) return;
      if (value.length < 8) value += c;
      render();
    };
    const key = (label, action) =>
      h("button.key", { type: "button", "data-testid": `kg-key-${label}`, onclick: action }, label);
    render();
    return [
      h("h2", title),
      shown,
      h(
        "div.keypad",
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0"].map((c) => key(c, () => press(c))),
        key("⌫", () => {
          value = value.slice(0, -1);
          render();
        }),
      ),
      h(
        "div.row",
        h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
        h(
          "button.primary.grow",
          {
            type: "button",
            "data-testid": "kg-ok",
            onclick: () => close(Number(value) > 0 ? Number(value) : undefined),
          },
          t("confirm"),
        ),
      ),
    ];
  });
}

/** Why a package is voided: a tap on a common reason, or a typed one. Resolves with the text. */
export function askVoidReason(pkg) {
  return modal((close) => {
    const other = h("input", { type: "text", maxLength: 200, "data-testid": "void-other" });
    const reasons = ["voidWrongWeight", "voidDamaged", "voidDuplicate"];
    return [
      h("h2", `${t("void")} ${pkg.serial} · ${fmtKg(pkg.netKg)} kg`),
      h("p", t("voidReason")),
      h(
        "div.choices",
        reasons.map((r) =>
          h(
            "button",
            { type: "button", "data-testid": `void-reason-${r}`, onclick: () => close(t(r)) },
            t(r),
          ),
        ),
      ),
      h("label", t("voidOther"), other),
      h(
        "div.row",
        h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
        h(
          "button.primary",
          { type: "button", onclick: () => close(other.value.trim() || undefined) },
          t("void"),
        ),
      ),
    ];
  });
}
