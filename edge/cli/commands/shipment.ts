import "../../shipments/shipment-codes.js";
import "../cli-codes.js";
import { userInfo } from "node:os";
import { StationError } from "../../core/station-error.js";
import { day, need, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import type { Actor } from "../../http/actor.js";
import type { Shipment } from "../../shipments/shipment-records-types.js";
import { EXIT_OK } from "../command.js";
import { printRows } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const human = (s: Shipment, zone: string): string =>
  `${s.number}  ${day(s.shippedAt, zone)}  → ${s.buyer.name}  ${s.totals.packageCount} 件  ${s.totals.netKg} kg${s.vehiclePlate ? `  ${s.vehiclePlate}` : ""}`;

/** `--lot LOT=KG`: a quantity from a batch shipped without package labels. */
function lineOf(text: string): { lot: string; quantityKg: number } {
  const at = text.lastIndexOf("=");
  const quantityKg = Number(text.slice(at + 1));
  if (at <= 0 || !Number.isFinite(quantityKg) || quantityKg <= 0) {
    throw new StationError("CLI_USAGE", `--lot 应为 批次码=千克 / --lot wants LOT=KG: ${text}`);
  }
  return { lot: text.slice(0, at), quantityKg };
}

/** 出库: shipments to buyers from the command line (a technician entering paper delivery notes). */
export const shipmentCommand = defineCommand({
  name: "shipment",
  summary: { zh: "出库登记、查询与批次余量", en: "record and list shipments, batch stock" },
  options: {
    ...DATA_OPTION_SPECS,
    buyer: { type: "string", value: "ID", help: { zh: "已登记的买方编号", en: "a registered buyer's id" } },
    name: { type: "string", value: "NAME", help: { zh: "买方名称或姓名", en: "buyer's name" } },
    "id-number": {
      type: "string",
      value: "NO",
      help: { zh: "统一社会信用代码或身份证号", en: "unified social credit code or ID card number" },
    },
    phone: { type: "string", value: "TEL", help: { zh: "买方电话", en: "buyer's phone" } },
    market: { type: "string", value: "M", help: { zh: "市场或摊位", en: "market or stall" } },
    address: { type: "string", value: "A", help: { zh: "地址", en: "address" } },
    scan: {
      type: "string",
      multiple: true,
      value: "LABEL",
      help: { zh: "扫到的包装标签（可多次）", en: "a scanned package label (repeatable)" },
    },
    lot: {
      type: "string",
      multiple: true,
      value: "LOT=KG",
      help: {
        zh: "不贴标签的批次数量，千克（可多次）",
        en: "a quantity of a batch without labels, kg (repeatable)",
      },
    },
    cert: {
      type: "string",
      multiple: true,
      value: "NUMBER",
      help: { zh: "随货交付的合格证编号（可多次）", en: "a certificate handed over (repeatable)" },
    },
    plate: { type: "string", value: "PLATE", help: { zh: "车牌号", en: "vehicle plate" } },
    at: {
      type: "string",
      value: "TIME",
      help: { zh: "出库时间（默认现在）", en: "shipped at (default now)" },
    },
  },
  common: DATA_COMMON,
  actions: {
    add: {
      summary: { zh: "登记出库", en: "record a shipment" },
      options: [
        "buyer",
        "name",
        "id-number",
        "phone",
        "market",
        "address",
        "scan",
        "lot",
        "cert",
        "plate",
        "at",
      ],
    },
    list: { summary: { zh: "列出出库记录", en: "list shipments" } },
    show: {
      summary: { zh: "查看一次出库", en: "show one shipment" },
      args: [{ name: "NUMBER", help: { zh: "出库单号", en: "shipment number" } }],
    },
    stock: {
      summary: { zh: "批次余量", en: "what is left of a batch" },
      args: [{ name: "LOT", help: { zh: "批次码", en: "lot number" } }],
    },
    buyers: {
      summary: { zh: "查找买方", en: "search buyers" },
      args: [
        { name: "TEXT", optional: true, help: { zh: "名称或电话的一部分", en: "part of a name or phone" } },
      ],
    },
  },
  notes: [
    {
      zh: "add 需 --buyer ID，或 --name 加 --market/--address",
      en: "add takes --buyer ID, or --name with --market or --address",
    },
  ],
  async run({ action, values, args: [arg = ""], usage }) {
    const cli = openDomainCli(values);
    const s = cli.domain.shipments;
    try {
      switch (action) {
        case "add": {
          const actor: Actor = { id: null, name: `cli:${userInfo().username}`, role: "technician" };
          const buyer =
            values.buyer !== undefined
              ? { buyerId: Number(values.buyer) }
              : {
                  buyer: {
                    name: need(values.name, "--name", usage),
                    idNumber: values["id-number"],
                    phone: values.phone,
                    market: values.market,
                    address: values.address,
                  },
                };
          const shipment = s.records.create(
            {
              ...buyer,
              shippedAt: cli.time(values.at, "at"),
              scans: values.scan ?? [],
              lines: (values.lot ?? []).map(lineOf),
              certificates: values.cert ?? [],
              vehiclePlate: values.plate,
            },
            actor,
          );
          printResult(shipment, values.json, () => `已出库 / shipped: ${human(shipment, cli.zone)}`);
          return EXIT_OK;
        }
        case "list":
          printRows(s.read.list({ limit: 200 }), values.json, (x) => human(x, cli.zone));
          return EXIT_OK;
        case "show": {
          const number = need(arg, "NUMBER", usage);
          const shipment = s.read.requireByNumber(number);
          printResult(shipment, values.json, () =>
            [human(shipment, cli.zone), ...shipment.packages.map((p) => `  ${p.serial}  ${p.netKg} kg`)].join(
              "\n",
            ),
          );
          return EXIT_OK;
        }
        case "stock": {
          const stock = s.read.stock(need(arg, "LOT", usage));
          printResult(
            stock,
            values.json,
            () =>
              `${stock.lot}: 剩余 / left ${stock.remainingCount} 件 ${stock.remainingKg} kg（已出库 / shipped ${stock.shippedCount} 件 ${stock.shippedKg} kg）`,
          );
          return EXIT_OK;
        }
        case "buyers":
          printRows(s.buyers.search(arg), values.json, (b) =>
            [String(b.id).padStart(4), b.name, b.phone ?? "-", b.market ?? b.address ?? "-"].join("  "),
          );
          return EXIT_OK;
      }
    } finally {
      cli.close();
    }
  },
});
