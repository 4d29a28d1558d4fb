import { get, report, write } from "../api.js";
import { fmtKg, h, mount } from "../dom.js";
import { language } from "../i18n.js";
import { myWeight, on } from "../live.js";
import { toast } from "../modal.js";

/** This screen's texts, Chinese first (the shared table holds only the nav label). */
const TEXT = {
  title: ["牲畜出栏", "Animals out"],
  open: ["开出栏批次", "Open a sale"],
  kindSale: ["出栏销售", "Sale"],
  kindSlaughter: ["屠宰", "Slaughter"],
  product: ["产品（开合格证时填）", "Product (for a certificate)"],
  destination: ["去向", "Destination"],
  tag: ["耳标号（扫码或读卡）", "Ear tag (scan or read)"],
  scanIn: ["扫入", "Scan in"],
  heads: ["头数", "Head"],
  total: ["总重", "Total"],
  live: ["秤上活重", "Live weight on the scale"],
  noScale: ["未接秤：不称重", "No scale: not weighed"],
  quarantine: ["动物检疫合格证明编号", "Quarantine certificate no."],
  close: ["结束出栏", "Close the sale"],
  closed: ["出栏完成", "Sale closed"],
  newSale: ["新的出栏批次", "New sale"],
  scanned: ["已扫入", "Scanned in"],
};
const tt = (key) => TEXT[key][language() === "en" ? 1 : 0];

const SALE_KEY = "kiosk.livestockSale";
const FRESH_WEIGHT_MS = 2000;

/**
 * Scanning animals into a sale or slaughter batch: the ear tag's 2D code from a scanner or an
 * RFID stick reader (their scans arrive as live `scan` events) or typed, each head weighed when
 * a livestock scale shows a stable weight. The station refuses an animal inside its withdrawal
 * and says which drug and from which day; the sale closes with the 动物检疫合格证明 number.
 */
export function animalsView(el) {
  let sale = null;
  const tagInput = h("input", { autocomplete: "off", inputmode: "numeric", "data-testid": "animal-tag" });
  const quarantine = h("input", { autocomplete: "off", "data-testid": "animal-quarantine" });
  const weightBox = h("div.weight.none", { "data-testid": "animal-weight" });
  const body = h("div.stack");

  async function openSale(kind, product, destination) {
    const req = { kind };
    if (product) req.productId = product;
    if (destination) req.destination = destination;
    try {
      ({ sale } = await write("POST", "/api/livestock-sales", req));
      localStorage.setItem(SALE_KEY, sale.number);
      render();
    } catch (err) {
      report(err);
    }
  }

  async function scanIn(code, deviceId) {
    if (sale?.state !== "open" || !code.trim()) return;
    const req = { code: code.trim() };
    const w = myWeight();
    // Only a stable weight the scale is sending now: not the last animal's, left on screen.
    if (w?.stable && w.netKg > 0 && Math.abs(Date.now() - w.ts) < FRESH_WEIGHT_MS) req.weightKg = w.netKg;
    if (deviceId) req.deviceId = deviceId;
    try {
      ({ sale } = await write("POST", `/api/livestock-sales/${encodeURIComponent(sale.number)}/scan`, req));
      tagInput.value = "";
      render();
    } catch (err) {
      report(err);
    }
  }

  async function closeSale() {
    const req = quarantine.value.trim() ? { quarantineNo: quarantine.value.trim() } : {};
    try {
      ({ sale } = await write("POST", `/api/livestock-sales/${encodeURIComponent(sale.number)}/close`, req));
      localStorage.removeItem(SALE_KEY);
      toast(`${tt("closed")}: ${sale.number} · ${sale.heads}`, "ok");
      render();
    } catch (err) {
      report(err);
    }
  }

  function renderWeight() {
    const w = myWeight();
    weightBox.className = `weight${w ? (w.stable ? "" : " unstable") : " none"}`;
    mount(weightBox, h("div.small", tt("live")), w ? fmtKg(w.netKg) : tt("noScale"));
  }

  function openForm() {
    const kind = h(
      "select",
      { "data-testid": "animal-sale-kind" },
      h("option", { value: "sale" }, tt("kindSale")),
      h("option", { value: "slaughter" }, tt("kindSlaughter")),
    );
    const product = h("input", { autocomplete: "off", "data-testid": "animal-sale-product" });
    const destination = h("input", { autocomplete: "off" });
    return h(
      "form.card.stack",
      {
        onsubmit: (event) => {
          event.preventDefault();
          openSale(kind.value, product.value.trim(), destination.value.trim());
        },
      },
      h("h2", tt("title")),
      h("div.row", h("label.grow", tt("kindSale"), kind), h("label.grow", tt("product"), product)),
      h("label", tt("destination"), destination),
      h("button.primary", { type: "submit", "data-testid": "animal-sale-open" }, tt("open")),
    );
  }

  function saleCard() {
    const open = sale.state === "open";
    return h(
      "section.card.stack",
      h("h2", `${tt("title")} · ${sale.number}`),
      h(
        "div.totals",
        h(
          "div",
          h("div.small", tt("heads")),
          h("div.big", { "data-testid": "animal-heads" }, String(sale.heads)),
        ),
        h("div", h("div.small", tt("total")), h("div.big", fmtKg(sale.totalKg))),
        weightBox,
      ),
      open
        ? h(
            "form.row",
            {
              onsubmit: (event) => {
                event.preventDefault();
                scanIn(tagInput.value);
              },
            },
            h("label.grow", tt("tag"), tagInput),
            h("button.primary", { type: "submit", "data-testid": "animal-scan" }, tt("scanIn")),
          )
        : null,
      h(
        "table.grid",
        h("tr", h("th", tt("tag")), h("th", tt("live"))),
        [...sale.animals]
          .reverse()
          .map((a) => h("tr", h("td", a.written), h("td", a.weightKg === null ? "—" : fmtKg(a.weightKg)))),
      ),
      open
        ? h(
            "div.row",
            h("label.grow", tt("quarantine"), quarantine),
            h(
              "button.primary",
              { type: "button", "data-testid": "animal-close", onclick: closeSale },
              tt("close"),
            ),
          )
        : h(
            "button",
            {
              type: "button",
              onclick: () => {
                sale = null;
                render();
              },
            },
            tt("newSale"),
          ),
    );
  }

  function render() {
    mount(body, sale ? saleCard() : openForm());
    renderWeight();
    if (sale?.state === "open") tagInput.focus();
  }

  mount(el, body);
  const stored = localStorage.getItem(SALE_KEY);
  if (stored) {
    get(`/api/livestock-sales/${encodeURIComponent(stored)}`).then(
      (res) => {
        sale = res.sale.state === "open" ? res.sale : null;
        render();
      },
      () => {
        localStorage.removeItem(SALE_KEY);
        render();
      },
    );
  } else {
    render();
  }
  // A serial scanner's or RFID reader's read scans the animal in, as typing its tag would.
  const offScan = on("scan", (scan) => scanIn(scan.code, scan.deviceId));
  const offWeight = on("weight", renderWeight);
  return () => {
    offScan();
    offWeight();
  };
}
