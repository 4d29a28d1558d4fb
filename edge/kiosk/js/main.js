import { get } from "./api.js";
import { h, mount } from "./dom.js";
import { hasStoredLanguage, language, setLanguage, t } from "./i18n.js";
import { connect, on } from "./live.js";
import { reviewAlarms } from "./review-alarms.js";
import { onAlarmsChanged, startRuleAlarms } from "./rule-alarms.js";
import { renderChips } from "./status-bar.js";
import { alarmsView } from "./views/alarms.js";
import { certView } from "./views/cert.js";
import { devicesView } from "./views/devices.js";
import { inputsView } from "./views/inputs.js";
import { labelsView } from "./views/labels.js";
import { lotsView } from "./views/lots.js";
import { packView } from "./views/pack.js";
import { recallView } from "./views/recall.js";
import { shipView } from "./views/ship.js";
import { testsView } from "./views/tests.js";

const ROUTES = [
  { path: "pack", icon: "⚖", label: "navPack", view: packView },
  { path: "cert", icon: "✔", label: "navCert", view: certView },
  { path: "lots", icon: "⌁", label: "navLots", view: lotsView },
  { path: "ship", icon: "⇪", label: "navShip", view: shipView },
  { path: "recall", icon: "⟲", label: "navRecall", view: recallView },
  { path: "inputs", icon: "✚", label: "navInputs", view: inputsView },
  { path: "tests", icon: "⚗", label: "navTests", view: testsView },
  { path: "labels", icon: "☰", label: "navLabels", view: labelsView },
  { path: "devices", icon: "⚙", label: "navDevices", view: devicesView },
  { path: "alarms", icon: "⚠", label: "navAlarms", view: alarmsView },
];

export const settings = { station: { name: "", code: "" }, autoPrint: false };
/** 待复核 alarms above every view (review-alarms.js). */
const alarmStrip = h("div");
let current;

function route() {
  const path = location.hash.replace(/^#\/?/, "").split("?")[0] || "pack";
  return ROUTES.find((r) => r.path === path) || ROUTES[0];
}

function renderNav() {
  const active = route();
  mount(
    document.getElementById("nav"),
    ROUTES.map((r) =>
      h(
        `a${r === active ? ".active" : ""}`,
        { href: `#/${r.path}`, "data-testid": `nav-${r.path}` },
        h("span.icon", { "aria-hidden": "true" }, r.icon),
        t(r.label),
      ),
    ),
  );
}

/** Each view is `(el, settings) => cleanup`; it owns its element until the next route. */
function show() {
  current?.();
  renderNav();
  const main = document.getElementById("view");
  const el = h("div");
  mount(main, alarmStrip, el);
  current = route().view(el, settings) || undefined;
}

function renderShell() {
  document.getElementById("station-name").textContent = settings.station.name || t("appTitle");
  document.getElementById("lang").textContent = t("lang");
  document.title = `${settings.station.name || t("appTitle")} · ${t(route().label)}`;
  renderChips();
}

async function boot() {
  try {
    const kiosk = await get("/api/kiosk");
    Object.assign(settings, kiosk);
    if (!hasStoredLanguage()) setLanguage(kiosk.language, false);
  } catch {
    // The station may be restarting: the shell still comes up and the live link retries.
  }
  setLanguage(language(), false);
  document.getElementById("lang").addEventListener("click", () => {
    setLanguage(language() === "zh" ? "en" : "zh");
    renderShell();
    show();
  });
  for (const kind of ["connection", "scale", "printer", "weight", "device"]) on(kind, renderChips);
  onAlarmsChanged(renderChips);
  startRuleAlarms();
  window.addEventListener("hashchange", () => {
    renderShell();
    show();
  });
  renderShell();
  reviewAlarms(alarmStrip);
  show();
  connect();
}

boot();
