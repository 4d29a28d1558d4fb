import "../cli-codes.js";
import { StationError } from "../../core/station-error.js";
import { day, need, numberOption, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import type { TestRecord, TestResult } from "../../domain/records.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  "trace-station test add --sample S --method M [--inhibition PCT] [--result negative|positive|suspect] [--report-no NO --lab LAB] [--item ACTIVE…] [--site SITE] [--batch LOT] [--operator NAME] [--retest-of ID] [--at TIME] [--json]",
  "trace-station test list [--json]",
].join("\n       ");

const RESULTS = ["negative", "positive", "suspect"];

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
export const testCommand: Command = {
  name: "test",
  summary: {
    zh: "录入或列出检测记录（速测、委托检测）",
    en: "add or list test records (rapid screens, lab reports)",
  },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          sample: { type: "string" },
          method: { type: "string" },
          inhibition: { type: "string" },
          result: { type: "string" },
          "report-no": { type: "string" },
          lab: { type: "string" },
          item: { type: "string", multiple: true },
          site: { type: "string" },
          batch: { type: "string" },
          operator: { type: "string" },
          "retest-of": { type: "string" },
          at: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const cli = openDomainCli(values);
    try {
      if (positionals[0] === "add") {
        if (values.result !== undefined && !RESULTS.includes(values.result))
          throw new StationError("CLI_USAGE", usage);
        if (values.batch) cli.domain.batches.require(values.batch);
        if (values.site) cli.domain.master.requireSite(values.site);
        const t = cli.domain.tests.add(
          {
            kind: values["report-no"] ? "lab" : "screen",
            sample: need(values.sample, "--sample", usage),
            method: need(values.method, "--method", usage),
            inhibition: numberOption(values.inhibition, "inhibition"),
            result: values.result as TestResult | undefined,
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
      if (positionals[0] === "list") {
        printRows(cli.domain.tests.list(), values.json ?? false, (r) => human(r, cli.zone));
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
};
