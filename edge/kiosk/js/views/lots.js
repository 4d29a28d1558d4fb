import { get, report, write } from "../api.js";
import { rememberedLot } from "../batch-picker.js";
import { fmtDate, fmtTime, h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { on } from "../live.js";
import { toast } from "../modal.js";

/**
 * Incoming supplier lots (NY/T 4712 "source"): a USB scanner in keyboard mode types the code
 * and Enter into the focused field; a serial scanner's codes arrive as live `scan` events.
 */
export function lotsView(el) {
  const code = h("input", {
    autofocus: true,
    autocomplete: "off",
    placeholder: t("scanHere"),
    "data-testid": "scan-input",
  });
  const supplier = h("input", { autocomplete: "off", placeholder: t("supplier") });
  // 产地 on the supplier's certificate: the buyer's own certificate prints it (收购者合格证).
  const origin = h("input", { autocomplete: "off", placeholder: t("origin"), "data-testid": "scan-origin" });
  const quantity = h("input", {
    type: "number",
    step: "0.001",
    min: "0",
    inputmode: "decimal",
    placeholder: `${t("quantity")} (kg)`,
  });
  const list = h("section.card");
  const lot = rememberedLot();
  const intoBatch = h("input", {
    type: "checkbox",
    checked: Boolean(lot),
    disabled: !lot,
    "data-testid": "scan-into-batch",
  });

  async function submit(event) {
    event.preventDefault();
    const rawCode = code.value.trim();
    if (!rawCode) return;
    try {
      const body = { rawCode, receivedAt: Date.now() };
      if (lot && intoBatch.checked) body.lot = lot;
      if (supplier.value.trim()) body.supplier = supplier.value.trim();
      if (origin.value.trim()) body.origin = origin.value.trim();
      if (quantity.value) Object.assign(body, { quantity: Number(quantity.value), unit: "kg" });
      const { incoming } = await write("POST", "/api/incoming", body);
      toast(`${t("save")} · ${incoming.codeKind}`, "ok");
      code.value = "";
      quantity.value = "";
      await load();
    } catch (err) {
      report(err);
    }
    code.focus();
  }

  async function link(item) {
    try {
      await write("POST", `/api/batches/${encodeURIComponent(lot)}/incoming`, { incomingId: item.id });
      await load();
    } catch (err) {
      report(err);
    }
  }

  async function load() {
    try {
      const { incoming } = await get("/api/incoming?limit=30");
      mount(
        list,
        incoming.length === 0
          ? h("p.muted", t("none"))
          : h(
              "table.grid",
              { "data-testid": "incoming-list" },
              h("tr", h("th", t("code")), h("th", t("supplier")), h("th", t("time")), h("th", "")),
              incoming.map((i) =>
                h(
                  "tr",
                  h(
                    "td",
                    h("code", i.rawCode.length > 48 ? `${i.rawCode.slice(0, 48)}…` : i.rawCode),
                    h("div.small", i.codeKind),
                  ),
                  h(
                    "td",
                    i.supplier || "—",
                    i.quantity ? h("div.small", `${i.quantity} ${i.unit || ""}`) : null,
                  ),
                  h("td", fmtDate(i.receivedAt), " ", fmtTime(i.receivedAt)),
                  h(
                    "td",
                    i.status === "candidate" && lot
                      ? h("button", { type: "button", onclick: () => link(i) }, `→ ${lot.slice(-8)}`)
                      : h("span.state", i.status),
                  ),
                ),
              ),
            ),
      );
    } catch (err) {
      report(err);
    }
  }

  mount(
    el,
    h(
      "form.card.stack",
      { onsubmit: submit },
      h("h2", t("navLots")),
      code,
      lot ? h("label.toggle", intoBatch, `${t("intoBatch")} ${lot}`) : null,
      h(
        "div.row",
        h("div.grow", supplier),
        h("div.grow", origin),
        h("div.grow", quantity),
        h("button.primary", { type: "submit", "data-testid": "scan-save" }, t("save")),
      ),
    ),
    h("div", { style: "height:10px" }),
    list,
  );
  const offs = [on("scan", load), on("incoming", load), on("open", load), on("device", load)];
  load();
  return () => {
    for (const off of offs) off();
  };
}
