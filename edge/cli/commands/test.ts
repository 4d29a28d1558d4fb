import "../cli-codes.js";
import { day, need, numberOption, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import type { TestRecord, TestResult } from "../../domain/records.js";
import { EXIT_OK } from "../command.js";
import { printRows, usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const RESULTS = ["negative", "positive", "suspect"] as const satisfies readonly TestResult[];

const human = (t: TestRecord, zone: string): string =>
  [
    String(t.id).padStart(4),
    day(t.testedAt, zone),
    t.kind.padEnd(6),
    t.sample.padEnd(8),
    t.method,
    t.inhibition === null ? "-" : `${t.inhibition}%`,
    t.result,
    t.reportNo ?? "",
  ].join("  ");

/** Rapid screens and commissioned lab results typed in by hand. */
export const testCommand = defineCommand({
  name: "test",
  summary: {
    zh: "录入或列出检测记录（速测、委托检测）",
    en: "add or list test records (rapid screens, lab reports)",
  },
  options: {
    ...DATA_OPTION_SPECS,
    sample: { type: "string", value: "S", help: { zh: "样品", en: "sample" } },
    method: { type: "string", value: "M", help: { zh: "检测方法", en: "method" } },
    inhibition: { type: "string", value: "PCT", help: { zh: "抑制率（%）", en: "inhibition (%)" } },
    result: { type: "string", choices: RESULTS, help: { zh: "结果", en: "result" } },
    "report-no": { type: "string", value: "NO", help: { zh: "委托检测报告编号", en: "lab report number" } },
    lab: { type: "string", value: "LAB", help: { zh: "检测机构", en: "laboratory" } },
    item: {
      type: "string",
      multiple: true,
      value: "ACTIVE",
      help: { zh: "检测项目（可多次）", en: "tested active (repeatable)" },
    },
    site: { type: "string", value: "SITE", help: { zh: "地块", en: "site" } },
    batch: { type: "string", value: "LOT", help: { zh: "批次", en: "batch" } },
    operator: { type: "string", value: "NAME", help: { zh: "检测人", en: "operator" } },
    "retest-of": { type: "string", value: "ID", help: { zh: "复检的原记录", en: "the record this retests" } },
    at: {
      type: "string",
      value: "TIME",
      help: { zh: "检测时间（默认现在）", en: "tested at (default now)" },
    },
  },
  common: DATA_COMMON,
  actions: {
    add: {
      summary: { zh: "录入检测记录", en: "add a test record" },
      options: [
        "sample",
        "method",
        "inhibition",
        "result",
        "report-no",
        "lab",
        "item",
        "site",
        "batch",
        "operator",
        "retest-of",
        "at",
      ],
      required: ["sample", "method"],
    },
    list: { summary: { zh: "列出检测记录", en: "list test records" } },
  },
  async run({ action, values, usage }) {
    const cli = openDomainCli(values);
    try {
      if (action === "add") {
        if (values.batch) cli.domain.batches.require(values.batch);
        if (values.site) cli.domain.master.requireSite(values.site);
        const t = cli.domain.tests.add(
          {
            kind: values["report-no"] ? "lab" : "screen",
            sample: need(values.sample, "--sample", usage),
            method: need(values.method, "--method", usage),
            inhibition: numberOption(values.inhibition, "inhibition"),
            result: values.result,
            reportNo: values["report-no"],
            lab: values.lab,
            items: values.item,
            siteId: values.site,
            batchLot: values.batch,
            operator: values.operator,
            retestOf: numberOption(values["retest-of"], "retest-of"),
            testedAt: cli.time(values.at, "at"),
          },
          { source: "cli" },
        );
        printResult(t, values.json, () => `已记录 / recorded: ${human(t, cli.zone)}`);
        return EXIT_OK;
      }
      if (action === "list") {
        printRows(cli.domain.tests.list(), values.json, (r) => human(r, cli.zone));
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
});
