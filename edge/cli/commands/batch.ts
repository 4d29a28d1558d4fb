import "../cli-codes.js";
import { StationError } from "../../core/station-error.js";
import { day, need, numberOption, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { batchVerdict } from "../../domain/compliance/verdict.js";
import type { Batch } from "../../domain/records.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  "trace-station batch open --product ID --site SITE [--site SITE…] [--from TIME] [--to TIME] [--incoming ID…] [--national-code CODE] [--note TEXT] [--json]",
  "trace-station batch close LOT --harvest TIME [--json]",
  "trace-station batch show LOT [--json]      (追溯记录 / the trace record)",
  "trace-station batch list [--status open|closed] [--json]",
  "trace-station batch select LOT --scale DEVICE     (该秤称重进入此批次 / weigh into this batch)",
  "trace-station batch weigh LOT --net KG [--at TIME] [--json]     (手工录入包装 / package by hand)",
  "trace-station batch national-code LOT CODE",
].join("\n       ");

const human = (b: Batch, zone: string): string =>
  [
    b.lot.padEnd(20),
    b.productId.padEnd(10),
    b.status.padEnd(6),
    b.siteIds.join(",").padEnd(12),
    day(b.harvestAt, zone),
  ].join("  ");

export const batchCommand: Command = {
  name: "batch",
  summary: {
    zh: "开批次、关批次、查看追溯记录、称重",
    en: "open, close, show (trace record), list batches; weigh",
  },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          product: { type: "string" },
          site: { type: "string", multiple: true },
          from: { type: "string" },
          to: { type: "string" },
          incoming: { type: "string", multiple: true },
          "national-code": { type: "string" },
          note: { type: "string" },
          harvest: { type: "string" },
          status: { type: "string" },
          scale: { type: "string" },
          net: { type: "string" },
          at: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action, lot, extra] = positionals;
    const cli = openDomainCli(values);
    const d = cli.domain;
    try {
      switch (action) {
        case "open": {
          const b = d.batches.open({
            productId: need(values.product, "--product", usage),
            siteIds: values.site ?? [],
            windowStart: cli.time(values.from, "from"),
            windowEnd: cli.maybeTime(values.to, "to"),
            incomingIds: values.incoming?.map((i) => Number(i)),
            nationalCode: values["national-code"],
            note: values.note,
          });
          // The gate speaks at batch open, before a day of labels is printed.
          const gate = batchVerdict(d, b.lot, Date.now());
          printResult({ ...b, gate }, values.json, () => `批次已开 / batch opened: ${b.lot}\n${gate.text}`);
          return EXIT_OK;
        }
        case "close": {
          const harvestAt = cli.maybeTime(need(values.harvest, "--harvest", usage), "harvest") as number;
          const b = d.batches.close(need(lot, "LOT", usage), { harvestAt });
          printResult(b, values.json, () => `批次已关闭 / batch closed: ${human(b, cli.zone)}`);
          return EXIT_OK;
        }
        case "show": {
          const record = d.traceRecord(need(lot, "LOT", usage));
          printResult(record, values.json, () =>
            [
              `${record.batch.lot}  ${record.product.name}  ${record.batch.status}`,
              `  窗口 / window: ${day(record.window.start, cli.zone)} → ${day(record.window.end, cli.zone)}`,
              `  地块 / sites: ${record.sites.map((s) => s.name).join("、") || "-"}`,
              `  投入品 / inputs: ${record.inputs.length}   检测 / tests: ${record.tests.length}`,
              `  包装 / packages: ${record.totals.packageCount}   净重 / net: ${record.totals.netKg} kg`,
              `  合格证 / certificates: ${record.certificates.map((c) => `${c.number}(${c.status})`).join(", ") || "-"}`,
              ...record.environment.summaries.map(
                (s) =>
                  `  ${s.siteId} ${s.metric}: ${s.min} / ${s.mean} / ${s.max} ${s.unit ?? ""} (n=${s.count})`,
              ),
            ].join("\n"),
          );
          return EXIT_OK;
        }
        case "list": {
          const status = values.status;
          if (status !== undefined && status !== "open" && status !== "closed")
            throw new StationError("CLI_USAGE", usage);
          printRows(d.batches.list({ status }), values.json ?? false, (r) => human(r, cli.zone));
          return EXIT_OK;
        }
        case "select": {
          const scale = need(values.scale, "--scale", usage);
          d.scales.select(scale, need(lot, "LOT", usage));
          printResult({ scale, lot }, values.json, () => `秤 ${scale} → ${lot}`);
          return EXIT_OK;
        }
        case "weigh": {
          const netKg = need(numberOption(values.net, "net"), "--net", usage);
          const p = d.packages.add(
            need(lot, "LOT", usage),
            { netKg, weighedAt: cli.time(values.at, "at") },
            {
              source: "cli",
            },
          );
          printResult(p, values.json, () => `包装 / package ${p.serial}: ${p.netKg} kg`);
          return EXIT_OK;
        }
        case "national-code": {
          const b = d.batches.setNationalCode(need(lot, "LOT", usage), need(extra, "CODE", usage));
          printResult(b, values.json, () => `追溯码已记录 / national code stored: ${b.nationalCode}`);
          return EXIT_OK;
        }
        default:
          throw usageError(usage);
      }
    } finally {
      cli.close();
    }
  },
};
