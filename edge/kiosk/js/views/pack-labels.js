import { fmtKg, fmtTime, h, mount, onSubmit } from "../dom.js";
import { t } from "../i18n.js";
import { modal } from "../modal.js";

/** A print job's state as a small coloured pill. */
export function jobState(job) {
  if (!job) return null;
  const text =
    {
      done: t("printed"),
      queued: t("queued"),
      sending: t("busy"),
      failed: t("failed"),
      needs_confirmation: t("needsConfirmation"),
    }[job.state] || job.state;
  return h(`span.state.${job.state}`, { title: job.reason || "" }, text);
}

/**
 * The running total and the newest packages of the batch, each with its label's state, or a
 * print button when the scale made it while nobody tapped.
 */
export function renderLastLabels(el, detail, printPackage) {
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
              "li",
              h("span", h("strong", `${fmtKg(p.netKg)} kg`), h("div.serial", p.serial)),
              h(
                "span",
                fmtTime(p.weighedAt),
                " ",
                p.job
                  ? jobState(p.job)
                  : h(
                      "button.small-action",
                      { type: "button", "data-testid": `print-${p.serial}`, onclick: () => printPackage(p) },
                      t("printLabel"),
                    ),
              ),
            ),
          ),
        ),
  );
}

/** A weight typed by hand (no scale, or a scale without a data cable). */
export function askWeight() {
  return modal((close) => {
    const input = h("input", {
      type: "number",
      step: "0.001",
      min: "0.001",
      inputmode: "decimal",
      autofocus: true,
    });
    return h(
      "form.stack",
      { onsubmit: onSubmit(() => close(Number(input.value))) },
      h("h2", t("manualWeight")),
      h("label", "kg", input),
      h(
        "div.row",
        h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
        h("button.primary.grow", { type: "submit" }, t("printLabel")),
      ),
    );
  });
}
