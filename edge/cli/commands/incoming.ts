import "../cli-codes.js";
import { need, numberOption, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import type { IncomingLot } from "../../domain/records.js";
import { EXIT_OK } from "../command.js";
import { printRows, usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const DETAILS = ["supplier", "origin", "quantity", "unit"] as const;
const ID = { name: "ID", help: { zh: "来货记录编号", en: "incoming lot id" } } as const;

const human = (i: IncomingLot): string =>
  [
    String(i.id).padStart(4),
    i.status.padEnd(9),
    i.codeKind.padEnd(20),
    (i.supplier ?? "-").padEnd(10),
    i.quantity === null ? "-" : `${i.quantity}${i.unit ?? ""}`,
    i.rawCode,
  ].join("  ");

/** Incoming lots (来货批次): supplier certificates or trace codes typed or scanned. */
export const incomingCommand = defineCommand({
  name: "incoming",
  summary: { zh: "登记、确认、关联来货批次", en: "add, receive and link incoming lots" },
  options: {
    ...DATA_OPTION_SPECS,
    supplier: { type: "string", value: "NAME", help: { zh: "供货方", en: "supplier" } },
    origin: {
      type: "string",
      value: "产地",
      help: { zh: "供货方合格证上的产地", en: "origin on the supplier's certificate" },
    },
    quantity: { type: "string", value: "N", help: { zh: "数量", en: "quantity" } },
    unit: { type: "string", value: "U", help: { zh: "单位", en: "unit" } },
    at: {
      type: "string",
      value: "TIME",
      help: { zh: "收货时间（默认现在）", en: "received at (default now)" },
    },
    status: {
      type: "string",
      choices: ["candidate", "received"],
      help: { zh: "按状态筛选", en: "filter by status" },
    },
  },
  common: DATA_COMMON,
  actions: {
    add: {
      summary: { zh: "登记来货（合格证或追溯码）", en: "add an incoming lot (certificate or trace code)" },
      args: [{ name: "CODE", help: { zh: "合格证编号或追溯码", en: "certificate number or trace code" } }],
      options: [...DETAILS, "at"],
    },
    receive: { summary: { zh: "确认扫到的来货", en: "receive a scanned lot" }, args: [ID], options: DETAILS },
    link: {
      summary: { zh: "关联到批次", en: "link to a batch" },
      args: [{ name: "LOT", help: { zh: "批次号", en: "lot number" } }, ID],
    },
    list: { summary: { zh: "列出来货", en: "list incoming lots" }, options: ["status"] },
  },
  async run({ action, values, args: [a = "", b = ""], usage }) {
    const cli = openDomainCli(values);
    const d = cli.domain;
    const details = {
      supplier: values.supplier,
      // 产地 on the supplier's certificate: a buyer's certificate prints it.
      origin: values.origin,
      quantity: numberOption(values.quantity, "quantity"),
      unit: values.unit,
    };
    try {
      switch (action) {
        case "add": {
          const i = d.incoming.add(
            { rawCode: need(a, "CODE", usage), ...details, receivedAt: cli.time(values.at, "at") },
            { source: "cli" },
            "received",
          );
          printResult(i, values.json, () => `来货已登记 / incoming lot: ${human(i)}`);
          return EXIT_OK;
        }
        case "receive": {
          const i = d.incoming.receive(Number(need(a, "ID", usage)), details);
          printResult(i, values.json, () => `已确认 / received: ${human(i)}`);
          return EXIT_OK;
        }
        case "link": {
          d.batches.linkIncoming(need(a, "LOT", usage), Number(need(b, "ID", usage)));
          printResult({ lot: a, incomingId: Number(b) }, values.json, () => `${a} ← 来货 / incoming ${b}`);
          return EXIT_OK;
        }
        case "list": {
          printRows(d.incoming.list({ status: values.status }), values.json, human);
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
