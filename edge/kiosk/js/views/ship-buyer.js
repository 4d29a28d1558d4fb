import { readAsKiosk, report } from "../api.js";
import { h, mount } from "../dom.js";
import { tx } from "./ship-text.js";

/**
 * Pick a buyer from the register (big buttons, most recent first) or type a new one; the
 * station checks the credit code or ID number and the phone when the shipment is saved.
 * `onChange(buyer)` gets `{ buyerId, buyer }` or null.
 */
export function buyerPicker(onChange) {
  const el = h("section.card.stack", { "data-testid": "ship-buyer" });
  let chosen = null;
  const field = (key, testid, props = {}) =>
    h("input", { autocomplete: "off", placeholder: tx(key), "data-testid": testid, ...props });
  const find = field("findBuyer", "buyer-find");
  const matches = h("div.choices", { "data-testid": "buyer-matches" });
  const form = {
    name: field("buyerName", "buyer-name"),
    idNumber: field("idNumber", "buyer-id", { maxLength: 18 }),
    phone: field("phone", "buyer-phone", { inputmode: "tel" }),
    market: field("market", "buyer-market"),
    address: field("address", "buyer-address"),
  };
  const needsCert = h("input", { type: "checkbox", "data-testid": "buyer-needs-cert" });
  const typed = () => {
    const buyer = { name: form.name.value.trim(), needsCertificate: needsCert.checked };
    for (const key of ["idNumber", "phone", "market", "address"]) {
      const value = form[key].value.trim();
      if (value) buyer[key] = value;
    }
    return buyer.name ? { buyer, needsCertificate: buyer.needsCertificate } : null;
  };
  for (const input of Object.values(form)) input.addEventListener("input", () => onChange(typed()));
  needsCert.addEventListener("change", () => onChange(typed()));

  function choose(buyer) {
    chosen = buyer;
    onChange({ buyerId: buyer.id, needsCertificate: buyer.needsCertificate, name: buyer.name });
    render();
  }

  async function search() {
    try {
      const { buyers } = await readAsKiosk(`/api/buyers?q=${encodeURIComponent(find.value.trim())}`);
      mount(
        matches,
        buyers
          .slice(0, 8)
          .map((b) =>
            h(
              "button",
              { type: "button", "data-testid": "buyer-choice", onclick: () => choose(b) },
              b.name,
              h("div.small", b.market || b.address || ""),
            ),
          ),
      );
    } catch (err) {
      report(err);
    }
  }
  let timer;
  find.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });

  function render() {
    if (chosen) {
      mount(
        el,
        h("h2", tx("buyer")),
        h(
          "div.row",
          h(
            "div.grow",
            h("strong", { "data-testid": "buyer-chosen" }, chosen.name),
            h("div.small", chosen.market || chosen.address || ""),
          ),
          h(
            "button",
            {
              type: "button",
              onclick: () => {
                chosen = null;
                onChange(typed());
                render();
              },
            },
            tx("change"),
          ),
        ),
      );
      return;
    }
    mount(
      el,
      h("h2", tx("buyer")),
      find,
      matches,
      h("h3", tx("newBuyer")),
      h("div.row", h("div.grow", form.name), h("div.grow", form.idNumber)),
      h("div.row", h("div.grow", form.phone), h("div.grow", form.market), h("div.grow", form.address)),
      h("label.toggle", needsCert, tx("needsCert")),
    );
  }
  render();
  search();
  return el;
}
