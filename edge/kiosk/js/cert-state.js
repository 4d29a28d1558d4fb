import { admin, report } from "./api.js";
import { h, onSubmit } from "./dom.js";
import { t } from "./i18n.js";
import { modal } from "./modal.js";

/**
 * A certificate's state as the packing house must see it: 待复核 with the later evidence,
 * 主管放行 with the reasons overridden and who, never a plain 有效 over either.
 */
export function certStateCell(c) {
  if (c.status === "void") return h("span.state.void", t("voided"));
  const reasons = (list) =>
    h(
      "ul.small",
      list.map((r) => h("li", r.split(" / ")[0])),
    );
  const parts = [];
  if (c.status === "review") {
    parts.push(
      h("span.state.void", { "data-testid": "cert-review" }, t("review")),
      reasons(c.review?.reasons || []),
    );
  }
  if (c.override) {
    parts.push(
      h("span.state.void", { "data-testid": "cert-released" }, `${t("released")}：${c.override.supervisor}`),
      h("div.small", c.override.reason),
      reasons(c.override.blocks.map((b) => b.message || "")),
    );
  }
  return parts.length ? parts : h("span.state.valid", t("valid"));
}

/** The supervisor's decision that a 待复核 certificate stands, with the reason (admin token). */
export async function clearReview(c, done) {
  const reason = await modal((close) => {
    const text = h("textarea", { rows: 3, autofocus: true, "data-testid": "clear-reason" });
    return h(
      "form.stack",
      { onsubmit: onSubmit(() => close(text.value.trim() || undefined)) },
      h("h2", t("clearReview")),
      h("label", t("clearReason"), text),
      h(
        "div.row",
        h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
        h("button.danger.grow", { type: "submit" }, t("confirm")),
      ),
    );
  });
  if (!reason) return;
  try {
    await admin("POST", `/api/certificates/${encodeURIComponent(c.number)}/clear-review`, { reason });
    await done();
  } catch (err) {
    report(err);
  }
}
