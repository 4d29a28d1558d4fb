import "../cli-codes.js";
import { day, need, numberOption, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { batchVerdict } from "../../domain/compliance/verdict.js";
import type { Batch } from "../../domain/records.js";
import { EXIT_OK } from "../command.js";
import { printRows, usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const human = (b: Batch, zone: string): string =>
  [
    b.lot.padEnd(20),
    b.productId.padEnd(10),
    b.status.padEnd(6),
    b.siteIds.join(",").padEnd(12),
    day(b.harvestAt, zone),
  ].join("  ");

const LOT = { name: "LOT", help: { zh: "批次号", en: "lot number" } } as const;

export const batchCommand = defineCommand({
  name: "batch",
  summary: {
    zh: "开批次、关批次、查看追溯记录、称重",
    en: "open, close, show (trace record), list batches; weigh",
  },
  options: {
    ...DATA_OPTION_SPECS,
    product: { type: "string", value: "ID", help: { zh: "产品编号", en: "product id" } },
    site: {
      type: "string",
      multiple: true,
      value: "SITE",
      help: { zh: "地块（可多次）", en: "site (repeatable)" },
    },
    from: {
      type: "string",
      value: "TIME",
      help: { zh: "生产窗口开始（默认现在）", en: "production window start (default now)" },
    },
    to: { type: "string", value: "TIME", help: { zh: "生产窗口结束", en: "production window end" } },
    incoming: {
      type: "string",
      multiple: true,
      value: "ID",
      help: { zh: "进货记录编号（可多次）", en: "incoming lot id (repeatable)" },
    },
    "national-code": {
      type: "string",
      value: "CODE",
      help: { zh: "国家追溯码", en: "national traceability code" },
    },
    note: { type: "string", value: "TEXT", help: { zh: "备注", en: "note" } },
    harvest: { type: "string", value: "TIME", help: { zh: "采收时间", en: "harvest time" } },
    status: {
      type: "string",
      choices: ["open", "closed"],
      help: { zh: "按状态筛选", en: "filter by status" },
    },
    scale: { type: "string", value: "DEVICE", help: { zh: "秤的设备编号", en: "scale device id" } },
    net: { type: "string", value: "KG", help: { zh: "净重（千克）", en: "net weight (kg)" } },
    at: {
      type: "string",
      value: "TIME",
      help: { zh: "称重时间（默认现在）", en: "weighing time (default now)" },
    },
  },
  common: DATA_COMMON,
  actions: {
    open: {
      summary: { zh: "开批次", en: "open a batch" },
      options: ["product", "site", "from", "to", "incoming", "national-code", "note"],
      required: ["product"],
    },
    close: {
      summary: { zh: "关批次", en: "close a batch" },
      args: [LOT],
      options: ["harvest"],
      required: ["harvest"],
    },
    show: { summary: { zh: "追溯记录", en: "the trace record" }, args: [LOT] },
    list: { summary: { zh: "列出批次", en: "list batches" }, options: ["status"] },
    select: {
      summary: { zh: "该秤称重进入此批次", en: "weigh into this batch" },
      args: [LOT],
      options: ["scale"],
      required: ["scale"],
    },
    weigh: {
      summary: { zh: "手工录入包装", en: "package by hand" },
      args: [LOT],
      options: ["net", "at"],
      required: ["net"],
    },
    "national-code": {
      summary: { zh: "记录国家追溯码", en: "store the national code" },
      args: [LOT, { name: "CODE", help: { zh: "国家追溯码", en: "national traceability code" } }],
    },
  },
  async run({ action, values, args: [lot = "", extra = ""], usage }) {
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
          const harvestAt = cli.time(need(values.harvest, "--harvest", usage), "harvest");
          const b = d.batches.close(lot, { harvestAt });
          printResult(b, values.json, () => `批次已关闭 / batch closed: ${human(b, cli.zone)}`);
          return EXIT_OK;
        }
        case "show": {
          const record = d.traceRecord(lot);
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
          printRows(d.batches.list({ status: values.status }), values.json, (r) => human(r, cli.zone));
          return EXIT_OK;
        }
        case "select": {
          const scale = need(values.scale, "--scale", usage);
          d.scales.select(scale, lot);
          printResult({ scale, lot }, values.json, () => `秤 ${scale} → ${lot}`);
          return EXIT_OK;
        }
        case "weigh": {
          const netKg = need(numberOption(values.net, "net"), "--net", usage);
          const p = d.packages.add(lot, { netKg, weighedAt: cli.time(values.at, "at") }, { source: "cli" });
          printResult(p, values.json, () => `包装 / package ${p.serial}: ${p.netKg} kg`);
          return EXIT_OK;
        }
        case "national-code": {
          const b = d.batches.setNationalCode(lot, extra);
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
});
