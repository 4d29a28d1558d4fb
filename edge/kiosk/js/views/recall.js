import { admin, report } from "../api.js";
import { fmtDate, fmtKg, h, mount } from "../dom.js";
import { tx } from "./ship-text.js";

/**
 * 召回 for a supervisor: from our lot or a supplier lot, the supplier lots behind it, every
 * batch made from them and every buyer each went to, with phone and quantities. The admin
 * token is asked for each query (the answer lists buyers' contacts).
 */
export function recallView(el) {
  const code = h("input", {
    autofocus: true,
    autocomplete: "off",
    placeholder: tx("byIncoming"),
    "data-testid": "recall-code",
  });
  let by = "incoming";
  const modes = h("div.choices");
  const out = h("div.stack", { "data-testid": "recall-result" });

  function renderModes() {
    mount(
      modes,
      ["incoming", "batch"].map((m) =>
        h(
          `button${by === m ? ".selected" : ""}`,
          {
            type: "button",
            "data-testid": `recall-by-${m}`,
            onclick: () => {
              by = m;
              code.placeholder = tx(m === "batch" ? "byBatch" : "byIncoming");
              renderModes();
            },
          },
          tx(m === "batch" ? "byBatch" : "byIncoming"),
        ),
      ),
    );
  }

  async function search(event) {
    event.preventDefault();
    const value = code.value.trim();
    if (!value) return;
    try {
      const r = await admin("GET", `/api/recall?${by}=${encodeURIComponent(value)}`);
      show(r);
    } catch (err) {
      report(err);
    }
  }

  function show(r) {
    if (r.batches.length === 0) {
      mount(out, h("section.card", h("p.muted", tx("none"))));
      return;
    }
    mount(
      out,
      h(
        "section.card",
        h("h2", `${tx("buyers")} (${r.buyers.length})`),
        h(
          "table.grid",
          { "data-testid": "recall-buyers" },
          r.buyers.map((b) =>
            h(
              "tr",
              h("td", h("strong", b.name)),
              h("td", b.phone || "—"),
              h("td", b.market || b.address || "—"),
              h("td", `${b.shipments} ${tx("shipments")} · ${fmtKg(b.netKg)} kg`),
            ),
          ),
        ),
      ),
      r.incomingLots.length > 0
        ? h(
            "section.card",
            h("h2", tx("backward")),
            h(
              "table.grid",
              r.incomingLots.map((l) =>
                h(
                  "tr",
                  h("td", h("code", l.rawCode)),
                  h("td", l.supplier || "—"),
                  h("td", fmtDate(l.receivedAt)),
                ),
              ),
            ),
          )
        : null,
      h(
        "section.card",
        h("h2", tx("forward")),
        r.batches.map((b) =>
          h(
            "div.stack",
            h("h3", h("code", b.lot), ` ${b.productName} · ${b.packedCount} · ${fmtKg(b.packedKg)} kg`),
            b.shipments.length === 0
              ? h("p.muted", tx("notShipped"))
              : h(
                  "table.grid",
                  b.shipments.map((s) =>
                    h(
                      "tr",
                      h("td", fmtDate(s.shippedAt)),
                      h("td", h("code", s.number)),
                      h("td", s.buyer.name),
                      h("td", s.buyer.phone || "—"),
                      h("td", `${s.packageCount} · ${fmtKg(s.netKg)} kg`),
                    ),
                  ),
                ),
          ),
        ),
      ),
    );
  }

  renderModes();
  mount(
    el,
    h(
      "form.card.stack",
      { onsubmit: search },
      h("h2", tx("recallTitle")),
      modes,
      h(
        "div.row",
        h("div.grow", code),
        h("button.primary", { type: "submit", "data-testid": "recall-search" }, tx("search")),
      ),
    ),
    h("div", { style: "height:10px" }),
    out,
  );
}
