import { get, report, write } from "../api.js";
import { fmtKg, h, mount } from "../dom.js";
import { on } from "../live.js";
import { toast } from "../modal.js";
import { buyerPicker } from "./ship-buyer.js";
import { printCertificateCopy, printShippingList } from "./ship-print.js";
import { tx } from "./ship-text.js";

/**
 * 出库 at the kiosk: pick or type the buyer, scan package labels (a keyboard-mode scanner types
 * into the focused field; a serial scanner's codes arrive as live `scan` events), see the
 * running count and weight and what each batch has left, tick the certificates handed over,
 * ship, then print the shipping list and the certificate copies. Each scan is checked by the
 * station at once, so a package shipped before is refused with the earlier shipment named.
 */
export function shipView(el) {
  let buyer = null;
  const items = new Map();
  const stock = new Map();
  const lines = [];
  const certs = new Set();
  let certList = [];
  const scan = h("input", {
    autofocus: true,
    autocomplete: "off",
    placeholder: tx("scan"),
    "data-testid": "ship-scan",
  });
  const plate = h("input", { autocomplete: "off", placeholder: tx("plate"), "data-testid": "ship-plate" });
  const bulkLot = h("input", { autocomplete: "off", placeholder: tx("lot"), "data-testid": "ship-bulk-lot" });
  const bulkKg = h("input", {
    type: "number",
    step: "0.001",
    min: "0",
    inputmode: "decimal",
    placeholder: "kg",
  });
  const summary = h("section.card", { "data-testid": "ship-summary" });
  const certBox = h("section.card.stack", { "data-testid": "ship-certs" });
  const shipButton = h(
    "button.primary",
    { type: "button", "data-testid": "ship-submit", onclick: ship },
    tx("ship"),
  );
  const done = h("div");
  const picker = buyerPicker((b) => {
    buyer = b;
    if (b?.needsCertificate) for (const c of certList) certs.add(c.number);
    renderCerts();
  });

  async function addScan(code) {
    const text = String(code || "").trim();
    if (!text) return;
    try {
      const res = await write("POST", "/api/shipments/scan", { scan: text });
      stock.set(res.package.lot, res.stock);
      if (items.has(res.package.serial)) return;
      items.set(res.package.serial, res.package);
      render();
      await loadCerts();
    } catch (err) {
      report(err);
    }
  }

  async function loadCerts() {
    const lots = [...new Set([...[...items.values()].map((p) => p.lot), ...lines.map((l) => l.lot)])];
    try {
      const lists = await Promise.all(
        lots.map((lot) => get(`/api/certificates?lot=${encodeURIComponent(lot)}`)),
      );
      certList = lists.flatMap((l) => l.certificates).filter((c) => c.status !== "void");
      if (buyer?.needsCertificate) for (const c of certList) certs.add(c.number);
      renderCerts();
    } catch (err) {
      report(err);
    }
  }

  function renderCerts() {
    mount(
      certBox,
      h("h2", tx("certs")),
      certList.length === 0
        ? h("p.muted", tx("noCerts"))
        : h(
            "div.checks",
            certList.map((c) =>
              h(
                "label",
                h("input", {
                  type: "checkbox",
                  checked: certs.has(c.number),
                  "data-testid": "ship-cert",
                  onchange: (e) => (e.target.checked ? certs.add(c.number) : certs.delete(c.number)),
                }),
                `${c.number} · ${c.lot}`,
              ),
            ),
          ),
    );
  }

  function render() {
    const pkgs = [...items.values()].reverse();
    const kg = pkgs.reduce((s, p) => s + p.netKg, 0) + lines.reduce((s, l) => s + l.quantityKg, 0);
    mount(
      summary,
      h(
        "div.totals",
        h("span", tx("count"), " ", h("span.big", { "data-testid": "ship-count" }, String(pkgs.length))),
        h("span", tx("weight"), " ", h("span.big", { "data-testid": "ship-weight" }, `${fmtKg(kg)} kg`)),
      ),
      // What each batch will have left once this shipment leaves.
      [...stock.values()].map((s) => {
        const mine = pkgs.filter((p) => p.lot === s.lot);
        const count = s.remainingCount - mine.length;
        const left = s.remainingKg - mine.reduce((sum, p) => sum + p.netKg, 0);
        return h(
          "div.small",
          { "data-testid": "ship-stock" },
          `${s.lot} · ${tx("left")} ${count} · ${fmtKg(left)} kg`,
        );
      }),
      pkgs.length === 0 && lines.length === 0
        ? h("p.muted", tx("empty"))
        : h(
            "ul.labels",
            { "data-testid": "ship-items" },
            lines.map((l) => h("li", h("span.serial", l.lot), ` ${fmtKg(l.quantityKg)} kg`)),
            pkgs.map((p) =>
              h(
                "li",
                h("span.serial", p.serial),
                ` ${fmtKg(p.netKg)} kg `,
                h(
                  "button.small-action",
                  {
                    type: "button",
                    onclick: () => {
                      items.delete(p.serial);
                      render();
                    },
                  },
                  tx("remove"),
                ),
              ),
            ),
          ),
    );
  }

  async function ship() {
    if (!buyer) {
      toast(tx("needBuyer"));
      return;
    }
    shipButton.disabled = true;
    try {
      const body = {
        ...(buyer.buyerId ? { buyerId: buyer.buyerId } : { buyer: buyer.buyer }),
        shippedAt: Date.now(),
        scans: [...items.keys()],
        lines,
        certificates: [...certs],
      };
      if (plate.value.trim()) body.vehiclePlate = plate.value.trim();
      const { shipment } = await write("POST", "/api/shipments", body);
      // The list is on its way: clear it so a second tap cannot send it again.
      clearItems();
      showDone(shipment);
    } catch (err) {
      report(err);
    } finally {
      shipButton.disabled = false;
    }
  }

  function showDone(shipment) {
    toast(`${tx("shipped")} ${shipment.number}`, "ok");
    mount(
      done,
      h(
        "section.card.stack",
        { "data-testid": "ship-done" },
        h("h2", `${tx("shipped")} `, h("code", { "data-testid": "ship-number" }, shipment.number)),
        h(
          "div",
          `${shipment.buyer.name} · ${shipment.totals.packageCount} · ${fmtKg(shipment.totals.netKg)} kg`,
        ),
        h(
          "div.row",
          h(
            "button.primary",
            {
              type: "button",
              "data-testid": "ship-print-list",
              onclick: () => printShippingList(shipment.number),
            },
            tx("printList"),
          ),
          shipment.certificates.map((n) =>
            h(
              "button",
              { type: "button", "data-testid": "ship-print-cert", onclick: () => printCertificateCopy(n) },
              `${tx("printCert")} ${n}`,
            ),
          ),
          h("button", { type: "button", "data-testid": "ship-next", onclick: reset }, tx("next")),
        ),
      ),
    );
  }

  function clearItems() {
    items.clear();
    stock.clear();
    lines.length = 0;
    certs.clear();
    certList = [];
    plate.value = "";
    render();
    renderCerts();
  }

  function reset() {
    clearItems();
    mount(done);
    scan.focus();
  }

  function addLine() {
    const quantityKg = Number(bulkKg.value);
    const lot = bulkLot.value.trim();
    if (!lot || !(quantityKg > 0)) return;
    lines.push({ lot, quantityKg });
    bulkLot.value = "";
    bulkKg.value = "";
    render();
    loadCerts();
  }

  scan.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const code = scan.value;
    scan.value = "";
    addScan(code);
  });
  // Scanning is the work: the scan field, the running totals and the ship button come first.
  mount(
    el,
    h(
      "div.stack",
      done,
      h("section.card.stack", h("div.row", h("h2.grow", tx("scanned")), shipButton), scan, summary),
      picker,
      h(
        "section.card.stack",
        h("h3", tx("bulk")),
        h(
          "div.row",
          h("div.grow", bulkLot),
          h("div.grow", bulkKg),
          h("button", { type: "button", onclick: addLine }, tx("add")),
        ),
      ),
      certBox,
      h("section.card", plate),
    ),
  );
  render();
  renderCerts();
  const off = on("scan", (s) => addScan(s.code));
  return () => off();
}
