import { h } from "./dom.js";
import { pick, t } from "./i18n.js";

const root = () => document.getElementById("overlay");

/** Show a modal sheet; resolves with what `build(close)` passes to close(). */
export function modal(build, { wide = false } = {}) {
  return new Promise((resolve) => {
    const sheet = h(`section.sheet${wide ? ".wide" : ""}`, { role: "dialog", "aria-modal": "true" });
    const backdrop = h("div.backdrop", sheet);
    const close = (value) => {
      backdrop.remove();
      resolve(value);
    };
    backdrop.addEventListener("click", (event) => {
      if (event.target === backdrop) close(undefined);
    });
    sheet.append(...[build(close)].flat());
    root().append(backdrop);
    sheet.querySelector("[autofocus]")?.focus();
  });
}

/** A numeric keypad for the worker's PIN (or, with `title`, their operator number): large keys for gloved hands. */
export function askPin(error, title = t("enterPin")) {
  const message = error ? `${title} · ${pick(error.title) || error.message}` : title;
  return modal((close) => {
    let value = "";
    const dots = h("div.pin-dots", { "data-testid": "pin-dots" });
    const render = () => {
      dots.textContent = value ? "●".repeat(value.length) : "—";
    };
    const key = (label, action) => h("button.key", { type: "button", onclick: action }, label);
    const digits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) =>
      key(String(n), () => {
        if (value.length < 12) value += n;
        render();
      }),
    );
    render();
    return [
      h("h2", message),
      dots,
      h(
        "div.keypad",
        digits,
        key(t("clear"), () => {
          value = "";
          render();
        }),
        key("0", () => {
          if (value.length < 12) value += "0";
          render();
        }),
        h("button.key.primary", { type: "button", onclick: () => close(value || undefined) }, t("confirm")),
      ),
      h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
    ];
  });
}

/** Admin token: typed by a technician (USB keyboard or the system's on-screen keyboard). */
export function askToken() {
  return modal((close) => {
    const input = h("input", {
      type: "password",
      autocomplete: "off",
      autofocus: true,
      "data-testid": "admin-token",
    });
    const submit = (event) => {
      event.preventDefault();
      close(input.value.trim() || undefined);
    };
    return h(
      "form.stack",
      { onsubmit: submit },
      h("h2", t("enterToken")),
      input,
      h(
        "div.row",
        h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
        h("button.primary", { type: "submit" }, t("confirm")),
      ),
    );
  });
}

/** A station error (code, title, remedy) as a toast the worker can act on. */
export function toast(error, kind = "error") {
  const box = document.getElementById("toasts");
  const body =
    typeof error === "string"
      ? h("div", error)
      : h(
          "div",
          h("strong", pick(error.title) || error.message),
          error.code ? h("code", ` ${error.code}`) : null,
          error.message && error.title ? h("div.small", error.message) : null,
          error.remedy ? h("div.remedy", "→ ", pick(error.remedy)) : null,
        );
  const item = h(`div.toast.${kind}`, { role: "alert" }, body);
  item.addEventListener("click", () => item.remove());
  box.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 9000 : 3500);
}
