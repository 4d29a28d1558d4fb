import { get } from "./api.js";
import { h, mount } from "./dom.js";
import { t } from "./i18n.js";

/**
 * The gate's verdict while a batch is packed (不能开证：… before a day of labels is printed),
 * from GET /api/batches/:lot/gate. A small piece any screen mounts: `gateBanner(el, lot)`
 * fills `el` and returns a refresh function (call it after an input, a test, a new batch).
 */
export function gateBanner(el, lot) {
  async function refresh(nextLot = lot) {
    lot = nextLot;
    if (!lot) return mount(el);
    try {
      const { gate } = await get(`/api/batches/${encodeURIComponent(lot)}/gate`);
      mount(
        el,
        gate.ok
          ? h("div.banner.ok", { "data-testid": "gate-banner", role: "status" }, t("canIssue"))
          : h(
              "div.banner.bad",
              { "data-testid": "gate-banner", role: "alert" },
              h("strong", t("blocked")),
              h(
                "span",
                gate.text
                  .replace(/^不能开证：/, "")
                  .split("；")
                  .map((r) => r.split(" / ")[0])
                  .join("；"),
              ),
            ),
      );
    } catch {
      // The verdict is advice on this screen; the issuing route refuses with the reason anyway.
      mount(el);
    }
  }
  refresh();
  return refresh;
}
