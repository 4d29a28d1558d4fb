import { get, report, write } from "../api.js";
import { pickBatch, rememberedLot, rememberLot } from "../batch-picker.js";
import { fmtKg, h, mount } from "../dom.js";
import { gateBanner } from "../gate-banner.js";
import { pick, t } from "../i18n.js";
import { chooseScale, on, state } from "../live.js";
import { toast } from "../modal.js";
import { problemBanners } from "../status-bar.js";
import { askKg, askVoidReason, renderLastLabels } from "./pack-labels.js";
import { renderScaleChoice } from "./scale-choice.js";

const MODES = ["each", "fill", "fixed", "tare"];

/**
 * Weigh & print, the screen workers live on. It renders its packing line's state as the
 * station pushes it (`line` events: batch, mode, weight, placement, the last package and its
 * job) and sends the worker's taps as intents; what prints, and whether, is decided only on the
 * station, so every screen at one scale shows the same thing.
 */
export function packView(el) {
  /** The line (scale) this screen stands at, and its latest state from the station. */
  let lines = [];
  let line;
  let detail;
  let detailLot;

  const banners = h("div");
  const batchCard = h("section.card.batch-card.stack");
  const weightBox = h("div.weight.none", { "data-testid": "weight" });
  const printButton = h(
    "button.primary.print",
    { type: "button", "data-testid": "print", onclick: () => intent({ intent: "print" }) },
    t("printLabel"),
  );
  const why = h("div.why", { "data-testid": "print-why", role: "status" });
  const jobBox = h("div.job", { "data-testid": "line-job" });
  const printerBox = h("div.small", { "data-testid": "line-printer" });
  const autoBox = h("input", {
    type: "checkbox",
    "data-testid": "auto-print",
    onchange: () => settings({ auto: autoBox.checked }),
  });
  const modeSelect = h(
    "select",
    { "data-testid": "line-mode", onchange: () => chooseMode(modeSelect.value) },
    MODES.map((m) => h("option", { value: m }, t(`mode_${m}`))),
  );
  const acceptButton = h(
    "button",
    { type: "button", "data-testid": "accept", onclick: () => intent({ intent: "accept" }) },
    t("acceptNoLabel"),
  );
  const lastCard = h("section.card.last.stack");
  const scalePicker = h("div");
  // Issue 20: the gate's verdict while the batch is packed (不能开证：… before a day of labels).
  const gateEl = h("div");
  const refreshGate = gateBanner(gateEl, undefined);

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
        why,
        jobBox,
        printerBox,
        h(
          "div.row",
          h("label.toggle.grow", autoBox, t("autoPrint")),
          h("label", t("mode"), modeSelect),
          h(
            "button",
            { type: "button", "data-testid": "manual-weight", onclick: manualWeight },
            t("manualWeight"),
          ),
        ),
      ),
      lastCard,
    ),
  );

  // Several scales and none chosen on this screen: pointing one at the batch would be a guess.
  const lineId = () => state.myScale || (lines.length === 1 ? lines[0].id : undefined);
  /** The line's batch; a station without any scale keeps the screen's own choice for typed weights. */
  const lotNow = () => (lineId() ? (line?.lot ?? null) : rememberedLot());

  async function intent(body) {
    const id = lineId();
    if (!id) return undefined;
    try {
      const answer = await write("POST", `/api/lines/${encodeURIComponent(id)}/intents`, body);
      show(answer.line);
      return answer.line;
    } catch (err) {
      report(err);
      return undefined;
    }
  }

  function settings(patch) {
    return intent({ intent: "settings", ...patch });
  }

  async function chooseMode(mode) {
    const patch = { mode };
    if (mode === "fill") patch.targetKg = await askKg(t("targetKg"), line?.settings.targetKg);
    if (mode === "fixed") patch.nominalKg = await askKg(t("nominalKg"), line?.settings.nominalKg);
    if ((mode === "fill" && !patch.targetKg) || (mode === "fixed" && !patch.nominalKg)) {
      modeSelect.value = line?.settings.mode ?? "each";
      return;
    }
    await settings(patch);
  }

  async function manualWeight() {
    const kg = await askKg(t("manualWeight"));
    if (!(kg > 0)) return;
    if (lineId()) {
      await intent({ intent: "manual", netKg: kg });
      return;
    }
    const lot = lotNow();
    if (!lot) return;
    try {
      await write("POST", `/api/batches/${encodeURIComponent(lot)}/packages`, {
        netKg: kg,
        weighedAt: Date.now(),
        print: true,
      });
      await loadBatch();
    } catch (err) {
      report(err);
    }
  }

  async function choose() {
    try {
      const chosen = await pickBatch(lotNow());
      if (!chosen) return;
      rememberLot(chosen);
      if (lineId()) await intent({ intent: "batch", lot: chosen });
      else await loadBatch();
    } catch (err) {
      report(err);
    }
  }

  /** A newer state of this screen's line (views can arrive out of order after a reconnect). */
  function show(view) {
    if (!view || view.id !== lineId()) return;
    if (line && line.id === view.id && view.seq < line.seq && view.seq > 0 && line.seq - view.seq < 1e6)
      return;
    line = view;
    render();
    if (lotNow() !== detailLot) loadBatch();
  }

  function render() {
    renderWeight();
    renderBatch();
    autoBox.checked = Boolean(line?.settings.auto);
    modeSelect.value = line?.settings.mode ?? "each";
    mount(
      printerBox,
      line ? (line.printer ? `${t("linePrinter")}：${line.printer}` : t("noLinePrinter")) : null,
    );
    mount(banners, ...problemBanners());
  }

  function renderWeight() {
    const w = line?.weight;
    const ok = w && (w.state === "ok" || w.state === "negative") && w.netKg !== null;
    weightBox.className = `weight${!ok ? " none" : w.stable ? "" : " unstable"}`;
    mount(
      weightBox,
      h("div.value", ok ? fmtKg(w.netKg) : "--.---", h("span.unit", "kg")),
      h("div.flag", { "data-testid": "weight-state" }, weightFlag(w, ok)),
      line?.tareKg > 0 ? h("div.small", `${t("tare")} ${fmtKg(line.tareKg)} kg`) : null,
    );
    const p = line?.print;
    printButton.disabled = !p?.ok;
    acceptButton.disabled = !p?.ok;
    const job = line?.last?.job;
    const labelled = line?.placement?.taken && line.placement.taken === line?.last?.serial;
    printButton.textContent = p?.ok
      ? `${t("printLabel")} ${fmtKg(p.kg)} kg`
      : labelled && job?.state === "done"
        ? t("placeNext")
        : t("printLabel");
    mount(
      why,
      p && !p.ok && p.code !== "LINE_ALREADY_LABELLED" ? h("span", { "data-code": p.code }, p.message) : null,
    );
    renderJob();
  }

  function weightFlag(w, ok) {
    if (!w || w.state === "none") return t("noScale");
    if (w.state === "stale") return t("staleScale");
    if (w.state === "overload") return t("overload");
    if (w.state === "underload") return t("underload");
    if (!ok) return w.state;
    if (w.netKg <= 0) return t("placeProduce");
    return w.stable ? `● ${t("stable")}` : t("waitStable");
  }

  /** 已打印 only when the job is done; otherwise its state and reason stay until it prints or is cancelled. */
  function renderJob() {
    const last = line?.last;
    const job = last?.job;
    if (!last) return mount(jobBox);
    const done = job?.state === "done";
    const cancellable = job && last.state === "labelling" && !done;
    mount(
      jobBox,
      h(
        `div.job-state.${done ? "done" : last.state === "voided" ? "failed" : job?.state || "accepted"}`,
        { "data-testid": "job-state", "data-state": job?.state || last.state },
        `${fmtKg(last.netKg)} kg${last.manual ? ` · ${t("manualMark")}` : ""} · `,
        done
          ? t("printed")
          : last.state === "voided"
            ? t("voided")
            : !job
              ? t("accepted")
              : `${t("waitingPrinter")}${job.reason ? `：${job.reason}` : ""}`,
      ),
      cancellable
        ? h(
            "button.small-action",
            { type: "button", "data-testid": "cancel-job", onclick: () => intent({ intent: "cancel-job" }) },
            t("cancelPrint"),
          )
        : null,
    );
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
    renderLastLabels(lastCard, detail, {
      reprint: (p) => intent({ intent: "reprint", serial: p.serial }),
      void: async (p) => {
        const reason = await askVoidReason(p);
        if (reason) await intent({ intent: "void", serial: p.serial, reason });
      },
    });
  }

  async function loadBatch() {
    const lot = lotNow();
    detailLot = lot;
    try {
      detail = lot ? await get(`/api/batches/${encodeURIComponent(lot)}`) : undefined;
    } catch (err) {
      detail = undefined;
      toast(pick(err.error?.title) || String(err));
    }
    if (detailLot === lot) {
      renderBatch();
      refreshGate(lot);
    }
  }

  async function load() {
    try {
      lines = (await get("/api/lines")).lines;
    } catch {
      lines = [];
    }
    renderScaleChoice(
      scalePicker,
      lines.map((l) => l.id),
      async (id) => {
        chooseScale(id);
        line = undefined;
        await load();
        // The batch this screen chose before it knew its scale goes to the scale now chosen.
        if (line && !line.lot && rememberedLot()) await intent({ intent: "batch", lot: rememberedLot() });
      },
    );
    const mine = lines.find((l) => l.id === lineId());
    line = undefined;
    if (mine) show(mine);
    else render();
    await loadBatch();
  }

  const offs = [
    on("line", show),
    on("scale", render),
    on("printer", render),
    on("alarm", render),
    on("open", load),
    on("package", (p) => {
      if (p.lot === detailLot) loadBatch();
    }),
    on("job", (j) => {
      if (j.kind === "package" && detail) loadBatch();
    }),
  ];
  load();
  return () => {
    for (const off of offs) off();
  };
}
