import { h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { state } from "../live.js";

/**
 * With several scales in the packing house, each screen says which one it stands at (kept on
 * the screen); with one scale there is nothing to choose and nothing is shown.
 */
export function renderScaleChoice(el, known, onChoose) {
  if (known.length < 2) {
    mount(el);
    return;
  }
  const select = h(
    "select",
    { "data-testid": "scale-picker", onchange: () => onChoose(select.value) },
    state.myScale ? null : h("option", { value: "", selected: true }, "—"),
    known.map((id) => h("option", { value: id, selected: id === state.myScale }, id)),
  );
  mount(el, h("label", t("myScale"), select));
}
