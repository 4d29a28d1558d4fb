import { h } from "./dom.js";
import { language, t } from "./i18n.js";

/**
 * A compliance block in plain words, in the kiosk's language: which input, which day it was
 * used, and the earliest day a certificate is allowed (the gate's own fields, not its message).
 */
export function blockText(b, siteNames = new Map()) {
  const en = language() === "en";
  const site = siteNames.get(b.siteId) || b.siteId;
  switch (b.kind) {
    case "interval":
      return en
        ? `${b.input} was used on ${b.appliedDay} (${site}); its interval is ${b.intervalDays} days, so the earliest allowed day is ${b.earliestDay}. Harvest is ${b.harvestDay}.`
        : `${b.input} 于 ${b.appliedDay} 在${site}使用，间隔期 ${b.intervalDays} 天，最早 ${b.earliestDay} 才能采收开证（本批采收 ${b.harvestDay}）。`;
    case "banned":
    case "restricted":
      // The station's own words carry the announcement, the crops and the substance behind a
      // trade name (乐斯本（毒死蜱）…): shown as they are, in the kiosk's language.
      return splitMessage(b.message);
    default:
      return splitMessage(b.message);
  }
}

function splitMessage(message = "") {
  const [zh, en] = message.split(" / ");
  return language() === "en" && en ? en : zh;
}

export function blocksBox(blocks, earliestDay, siteNames) {
  return h(
    "div.blocks",
    { "data-testid": "blocks", role: "alert" },
    h("h3", t("blocked")),
    h(
      "ul",
      blocks.map((b) => h("li", blockText(b, siteNames))),
    ),
    earliestDay
      ? h("div", h("strong", `${t("earliest")}: `), h("span", { "data-testid": "earliest" }, earliestDay))
      : null,
  );
}
