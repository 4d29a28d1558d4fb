import { get, report, write } from "../api.js";
import { rememberedLot } from "../batch-picker.js";
import { fmtDate, h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { toast } from "../modal.js";

/** Enzyme-inhibition rapid screen, GB/T 5009.199-2003: ≥ 50 % inhibition is positive (threshold per method in config). */
const DEFAULT_METHOD = "GB/T 5009.199-2003";

export function testsView(el) {
  const sample = h("input", { autocomplete: "off", "data-testid": "test-sample" });
  const method = h("input", { value: DEFAULT_METHOD, "data-testid": "test-method" });
  const inhibition = h("input", {
    type: "number",
    min: "0",
    max: "100",
    step: "0.1",
    inputmode: "decimal",
    "data-testid": "test-inhibition",
  });
  const operator = h("input", { autocomplete: "off", value: localStorage.getItem("kiosk.operator") || "" });
  const batch = h("input", { value: rememberedLot() || "", "data-testid": "test-lot" });
  // Colloidal-gold strips give a result, not an inhibition %: the worker then picks it.
  const result = h(
    "select",
    { "data-testid": "test-result" },
    h("option", { value: "" }, t("resultAuto")),
    ["negative", "positive", "suspect"].map((r) => h("option", { value: r }, t(r))),
  );
  // 用什么药、检什么药: the items a strip or report tested; a lab report number makes it a lab test.
  const items = h("input", { autocomplete: "off", placeholder: t("testItems"), "data-testid": "test-items" });
  const reportNo = h("input", { autocomplete: "off", "data-testid": "test-report" });
  // A re-test names the positive or suspect result it re-tests (the re-test policy needs it).
  const retestOf = h("select", { "data-testid": "test-retest-of" });
  const list = h("section.card");

  async function submit(event) {
    event.preventDefault();
    const body = {
      kind: reportNo.value.trim() ? "lab" : "screen",
      sample: sample.value.trim(),
      method: method.value.trim(),
      testedAt: Date.now(),
    };
    if (inhibition.value !== "") body.inhibition = Number(inhibition.value);
    if (result.value) body.result = result.value;
    if (operator.value.trim()) body.operator = operator.value.trim();
    if (batch.value.trim()) body.batchLot = batch.value.trim();
    if (reportNo.value.trim()) body.reportNo = reportNo.value.trim();
    if (retestOf.value) body.retestOf = Number(retestOf.value);
    const tested = items.value
      .split(/[,，、+]/)
      .map((x) => x.trim())
      .filter(Boolean);
    if (tested.length) body.items = tested;
    try {
      const { test } = await write("POST", "/api/tests", body);
      localStorage.setItem("kiosk.operator", operator.value.trim());
      toast(`${t("result")}: ${t(test.result)}`, test.result === "negative" ? "ok" : "error");
      sample.value = "";
      inhibition.value = "";
      items.value = "";
      reportNo.value = "";
      await load();
    } catch (err) {
      report(err);
    }
  }

  async function load() {
    try {
      const { tests } = await get("/api/tests?limit=20");
      mount(
        retestOf,
        h("option", { value: "" }, t("notRetest")),
        tests
          .filter((x) => x.result !== "negative")
          .map((x) =>
            h("option", { value: String(x.id) }, `${x.sample} · ${t(x.result)} · ${fmtDate(x.testedAt)}`),
          ),
      );
      mount(
        list,
        h("h2", t("recentTests")),
        h(
          "table.grid",
          h("tr", h("th", t("sample")), h("th", t("inhibition")), h("th", t("result")), h("th", t("time"))),
          tests.map((x) =>
            h(
              "tr",
              h("td", x.sample, h("div.small", x.method)),
              h("td", x.inhibition ?? "—"),
              h("td", h(`span.state.${x.result === "negative" ? "done" : "failed"}`, t(x.result))),
              h("td", fmtDate(x.testedAt)),
            ),
          ),
        ),
      );
    } catch (err) {
      report(err);
    }
  }

  mount(
    el,
    h(
      "form.card.stack",
      { onsubmit: submit },
      h("h2", t("navTests")),
      h(
        "div.row",
        h("label.grow", t("sample"), sample),
        h("label.grow", t("inhibition"), inhibition),
        h("label.grow", t("result"), result),
      ),
      h(
        "div.row",
        h("label.grow", t("method"), method),
        h("label.grow", t("operator"), operator),
        h("label.grow", t("lot"), batch),
      ),
      h(
        "div.row",
        h("label.grow", t("testItems"), items),
        h("label.grow", t("reportNo"), reportNo),
        h("label.grow", t("retestOf"), retestOf),
      ),
      h("button.primary", { type: "submit", "data-testid": "test-save" }, t("save")),
    ),
    h("div", { style: "height:10px" }),
    list,
  );
  load();
}
