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
      return en
        ? `${b.input} (${b.substance}) is a banned pesticide, used on ${b.appliedDay} (${site}). No certificate can be issued.`
        : `${b.input}（${b.substance}）是禁用农药，${b.appliedDay} 在${site}使用，不能开具合格证。`;
    case "restricted":
      return en
        ? `${b.input} (${b.substance}) may not be used on this crop (${b.scopes.join(", ")}); used on ${b.appliedDay}.`
        : `${b.input}（${b.substance}）不得用于此类作物，${b.appliedDay} 使用。`;
    case "positive_screen":
      return en
        ? `The rapid test of ${b.sample} on ${b.testedDay} (${b.method}) was positive: "own test passed" cannot be ticked.`
        : `${b.testedDay} 对 ${b.sample} 的快检（${b.method}）为阳性，不能勾选"自行检测合格"。`;
    case "no_test":
      return en ? `No test on record supports the basis you ticked.` : `没有检测记录支持所勾选的依据。`;
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
