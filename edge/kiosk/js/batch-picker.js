import { get, report, write } from "./api.js";
import { fmtDate, h, parseDate } from "./dom.js";
import { t } from "./i18n.js";
import { modal, toast } from "./modal.js";

const LOT_KEY = "kiosk.lot";

export function rememberedLot() {
  return localStorage.getItem(LOT_KEY);
}

export function rememberLot(lot) {
  if (lot) localStorage.setItem(LOT_KEY, lot);
  else localStorage.removeItem(LOT_KEY);
}

/** Pick one of the open batches, or open a new one; resolves with the chosen batch view. */
export async function pickBatch(currentLot) {
  const [{ batches }, { products }] = await Promise.all([
    get("/api/batches?status=open"),
    get("/api/products"),
  ]);
  const names = new Map(products.map((p) => [p.id, p.name]));
  const choice = await modal(
    (close) => [
      h("h2", t("chooseBatch")),
      batches.length === 0 ? h("p.muted", t("noOpenBatch")) : null,
      h(
        "div.choices",
        batches.map((b) =>
          h(
            `button${b.lot === currentLot ? ".selected" : ""}`,
            { type: "button", "data-testid": `batch-${b.lot}`, onclick: () => close({ lot: b.lot }) },
            h("span", h("strong", names.get(b.productId) || b.productId), h("div.small", b.lot)),
            h("span.small", fmtDate(b.windowStart)),
          ),
        ),
      ),
      h(
        "div.row",
        h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
        h(
          "button.primary.grow",
          { type: "button", "data-testid": "open-batch", onclick: () => close({ open: true }) },
          `＋ ${t("openBatch")}`,
        ),
      ),
    ],
    { wide: true },
  );
  if (!choice) return undefined;
  if (choice.lot) return choice.lot;
  return openBatchForm(products);
}

async function openBatchForm(products) {
  const { sites } = await get("/api/sites");
  // The growing window feeds the compliance gate (inputs inside it are checked); a month back is
  // a safer guess than today, and the worker sees and can change it.
  const today = fmtDate(Date.now() - 30 * 86_400_000);
  return modal(
    (close) => {
      let productId = products[0]?.id;
      const productButtons = products.map((p) =>
        h(
          `button${p.id === productId ? ".selected" : ""}`,
          {
            type: "button",
            "data-testid": `product-${p.id}`,
            onclick: (event) => {
              productId = p.id;
              for (const b of event.currentTarget.parentElement.children) b.classList.remove("selected");
              event.currentTarget.classList.add("selected");
            },
          },
          h("strong", p.name),
          h("span.small", p.crop || ""),
        ),
      );
      const siteChecks = sites.map((s) =>
        h("label", h("input", { type: "checkbox", value: s.id, checked: sites.length === 1 }), `${s.name}`),
      );
      const start = h("input", { type: "date", value: today, "data-testid": "window-start" });
      const submit = async (event) => {
        event.preventDefault();
        const siteIds = siteChecks
          .map((l) => l.querySelector("input"))
          .filter((i) => i.checked)
          .map((i) => i.value);
        try {
          const { batch, gate } = await write("POST", "/api/batches", {
            productId,
            siteIds,
            windowStart: parseDate(start.value),
          });
          // The gate speaks at batch open: 不能开证：… before a day of labels is printed.
          if (gate && !gate.ok) toast(gate.text.split(" / ")[0]);
          close(batch.lot);
        } catch (err) {
          report(err);
        }
      };
      return h(
        "form.stack",
        { onsubmit: submit },
        h("h2", t("openBatch")),
        products.length === 0
          ? h("div.banner.warn", t("noProducts"))
          : h("div", h("div.small", t("product")), h("div.choices", productButtons)),
        sites.length ? h("div", h("div.small", t("sites")), h("div.checks", siteChecks)) : null,
        h("label", t("windowStart"), start),
        h(
          "div.row",
          h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
          h(
            "button.primary.grow",
            { type: "submit", "data-testid": "open-batch-submit", disabled: products.length === 0 },
            t("openBatch"),
          ),
        ),
      );
    },
    { wide: true },
  );
}
