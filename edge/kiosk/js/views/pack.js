import { get, report, write } from "../api.js";
import { pickBatch, rememberedLot, rememberLot } from "../batch-picker.js";
import { fmtKg, h, mount } from "../dom.js";
import { gateBanner } from "../gate-banner.js";
import { t } from "../i18n.js";
import { chooseScale, myWeight, on, state } from "../live.js";
import { toast } from "../modal.js";
import { problemBanners } from "../status-bar.js";
import { askWeight, renderLastLabels } from "./pack-labels.js";
import { renderScaleChoice } from "./scale-choice.js";

const AUTO_KEY = "kiosk.autoPrint";
/** How long a tap waits for the stable weight to become a package (stored, then projected). */
const PACKAGE_WAIT_MS = 8000;

/**
 * Weigh & print, the screen workers live on: the batch being packed, the live weight, one big
 * print button (or auto-print on each stable weight), the last labels and the running total.
 */
export function packView(el, settings) {
  let lot = rememberedLot();
  let detail;
  /** A tap prints one label per placement: the scale must settle on a new load before the next. */
  // Not armed by a weight replayed on (re)connect: the last known weight may be from long ago
  // and its package already labelled. A new placement (unstable, empty, or a new package) arms.
  let armed = false;
  let autoPrint = (localStorage.getItem(AUTO_KEY) ?? String(settings.autoPrint)) === "true";
  /** The package the domain made from the scale's last stable weight, waiting for its label. */
  let pending;
  /** Scales this screen has pointed at the current batch. */
  const bound = new Set();
  /** Scales registered at the station, so the batch is bound before the first weight arrives. */
  let known = [];
  /** Resolves a tap that came before its package. */
  let waiter;
  /** This screen printed the load now on the scale. */
  let justPrinted = false;

  const banners = h("div");
  const batchCard = h("section.card.batch-card.stack");
  const weightBox = h("div.weight.none", { "data-testid": "weight" });
  const printButton = h(
    "button.primary.print",
    { type: "button", "data-testid": "print", onclick: () => printNow() },
    t("printLabel"),
  );
  const autoBox = h("input", {
    type: "checkbox",
    checked: autoPrint,
    "data-testid": "auto-print",
    onchange: () => setAuto(autoBox.checked),
  });
  const lastCard = h("section.card.last.stack");
  // Issue 20: the gate's verdict while the batch is packed (gate-banner.js, a separate piece).
  const gateEl = h("div");
  const refreshGate = gateBanner(gateEl, lot);
  const scalePicker = h("div");

  mount(
    el,
    banners,
    gateEl,
    h(
      "div.pack",
      batchCard,
      h(
        "section.card.weight-card",
        scalePicker,
        weightBox,
        printButton,
        h(
          "div.row",
          h("label.toggle.grow", autoBox, t("autoPrint")),
          h("button", { type: "button", onclick: () => manualWeight() }, t("manualWeight")),
        ),
      ),
      lastCard,
    ),
  );

  function scaleId() {
    return state.myScale || state.weight?.deviceId || [...state.scales.keys()][0] || known[0];
  }

  /** Point the scale at this batch: its stable weights then become packages of the batch. */
  async function bind(scale = scaleId()) {
    // Several scales and none chosen here yet: pointing one at the batch would be a guess.
    if (!scale || !lot || (known.length > 1 && !state.myScale)) return;
    await write("PUT", `/api/scales/${encodeURIComponent(scale)}/batch`, { lot, autoPrint });
    bound.add(scale);
  }

  function renderWeight() {
    const w = myWeight();
    weightBox.className = `weight${!w ? " none" : w.stable ? "" : " unstable"}`;
    mount(
      weightBox,
      h("div.value", w ? fmtKg(w.netKg) : "--.---", h("span.unit", "kg")),
      h(
        "div.flag",
        !w
          ? t("noScale")
          : w.netKg <= 0
            ? t("placeProduce")
            : w.stable
              ? `● ${t("stable")}`
              : t("waitStable"),
      ),
    );
    if (w && (!w.stable || w.netKg <= 0)) {
      armed = true;
      justPrinted = false;
    }
    if (w?.deviceId && lot && !bound.has(w.deviceId)) bind(w.deviceId).catch(report);
    printButton.disabled = !lot || !w?.stable || w.netKg <= 0 || !armed;
    // After a tap the same load stays on the scale: say what comes next instead of greying out.
    printButton.textContent = justPrinted && !armed ? t("placeNext") : t("printLabel");
    mount(banners, ...problemBanners());
  }

  function renderBatch() {
    const product = detail?.product;
    mount(
      batchCard,
      h("div.small", t("batch")),
      detail
        ? h(
            "div",
            h("div.product", { "data-testid": "batch-product" }, product?.name || detail.batch.productId),
            h("div.lot", { "data-testid": "batch-lot" }, detail.batch.lot),
          )
        : h("p.muted", t("noOpenBatch")),
      h(
        "button",
        { type: "button", "data-testid": "choose-batch", onclick: choose },
        detail ? t("chooseBatch") : `＋ ${t("openBatch")}`,
      ),
    );
  }

  function renderLast() {
    renderLastLabels(lastCard, detail, printPackage);
  }

  function renderScalePicker() {
    renderScaleChoice(scalePicker, known, async (id) => {
      chooseScale(id);
      bound.clear();
      pending = undefined;
      armed = false;
      renderWeight();
      await bind().catch(report);
    });
  }

  async function load() {
    try {
      known = (await get("/api/scales")).scales.map((s) => s.deviceId);
    } catch {
      known = [];
    }
    renderScalePicker();
    if (!lot) {
      detail = undefined;
    } else {
      try {
        detail = await get(`/api/batches/${encodeURIComponent(lot)}`);
        if (detail.batch.status !== "open") {
          lot = undefined;
          detail = undefined;
          rememberLot(undefined);
        }
      } catch {
        detail = undefined;
      }
    }
    renderBatch();
    renderLast();
    renderWeight();
    refreshGate(lot);
  }

  async function choose() {
    try {
      const chosen = await pickBatch(lot);
      if (!chosen) return;
      lot = chosen;
      rememberLot(lot);
      bound.clear();
      pending = undefined;
      await load();
      await bind();
    } catch (err) {
      report(err);
    }
  }

  async function setAuto(enabled) {
    const before = autoPrint;
    try {
      autoPrint = enabled;
      await bind();
      localStorage.setItem(AUTO_KEY, String(enabled));
    } catch (err) {
      autoPrint = before;
      autoBox.checked = before;
      report(err);
    }
  }

  /**
   * A tap prints the package the scale's stable weight became. The live stream and the stored
   * weight travel separately, so a tap may come a moment before the package does: wait for it
   * rather than make a second package from the live reading. Only a scale the kiosk could not
   * point at the batch (or a typed weight) makes its package here.
   */
  async function printNow(weight = myWeight(), manual = false) {
    if (!lot || !weight) return;
    armed = false;
    renderWeight();
    try {
      let created;
      if (!manual && weight.deviceId && bound.has(weight.deviceId)) {
        if (!pending) printButton.textContent = t("recording");
        const pkg = pending ?? (await nextPackage(PACKAGE_WAIT_MS));
        if (!pkg) {
          armed = true;
          renderWeight();
          toast(t("noPackageYet"));
          return;
        }
        ({ package: created } = await write(
          "POST",
          `/api/packages/${encodeURIComponent(pkg.serial)}/print`,
          {},
        ));
        if (pending?.serial === pkg.serial) pending = undefined;
      } else {
        const body = { netKg: weight.netKg, weighedAt: weight.ts || Date.now(), print: true };
        if (!manual && weight.deviceId) body.deviceId = weight.deviceId;
        ({ package: created } = await write(
          "POST",
          `/api/batches/${encodeURIComponent(lot)}/packages`,
          body,
        ));
      }
      justPrinted = true;
      toast(`${t("printLabel")} · ${fmtKg(created.netKg)} kg · ${created.serial}`, "ok");
      await load();
    } catch (err) {
      armed = true;
      renderWeight();
      report(err);
    }
  }

  function nextPackage(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiter = undefined;
        resolve(undefined);
      }, ms);
      waiter = (p) => {
        clearTimeout(timer);
        waiter = undefined;
        resolve(p);
      };
    });
  }

  /** A package the scale made while nobody tapped: its label, once. */
  async function printPackage(p) {
    try {
      await write("POST", `/api/packages/${encodeURIComponent(p.serial)}/print`, {});
      if (pending?.serial === p.serial) pending = undefined;
      await load();
    } catch (err) {
      report(err);
    }
  }

  async function manualWeight() {
    const kg = await askWeight();
    if (kg > 0) await printNow({ netKg: kg, stable: true, ts: Date.now() }, true);
  }

  const offs = [
    on("weight", renderWeight),
    on("scale", renderWeight),
    on("printer", renderWeight),
    on("alarm", renderWeight),
    on("open", () => {
      armed = false;
      load();
    }),
    on("package", (p) => {
      if (p.lot !== lot) return;
      if (p.deviceId && p.deviceId === scaleId()) {
        if (waiter) waiter(p);
        else {
          pending = p;
          armed = true;
        }
      }
      load();
    }),
    on("job", () => {
      if (detail) load();
    }),
  ];
  load().then(() => bind().catch(report));
  return () => {
    for (const off of offs) off();
  };
}
