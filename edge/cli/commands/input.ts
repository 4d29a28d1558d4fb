import { day, need, numberOption, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { splitIngredients } from "../../domain/inputs/input-products.js";
import { INPUT_KINDS, type InputRecord } from "../../domain/records.js";
import { EXIT_OK } from "../command.js";
import { printRows, usageError } from "../context.js";
import type { OptionSpec } from "../spec/command-spec.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

type WithdrawalValues = { [P in "meat" | "eggs" | "milk" as `withdrawal-${P}`]?: string };

/** --withdrawal-meat/eggs/milk: the record's own withdrawal days per animal product. */
function withdrawalOf(values: WithdrawalValues) {
  const out: { meat?: number; eggs?: number; milk?: number } = {};
  for (const product of ["meat", "eggs", "milk"] as const) {
    const days = numberOption(values[`withdrawal-${product}`], `withdrawal-${product}`);
    if (days !== undefined) out[product] = days;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const withdrawal = (zh: string, en: string): OptionSpec => ({
  type: "string",
  value: "D",
  help: { zh: `本记录的休药期（天）：${zh}`, en: `this record's withdrawal days: ${en}` },
});

const human = (i: InputRecord, zone: string): string =>
  [
    day(i.appliedAt, zone),
    i.siteId.padEnd(8),
    i.kind.padEnd(10),
    i.name,
    i.regNo ?? "-",
    `${i.amount}${i.unit}`,
    `${i.intervalDays}d`,
  ].join("  ");

/** Input-use records (投入品使用记录) typed in by hand. */
export const inputCommand = defineCommand({
  name: "input",
  summary: { zh: "录入或列出投入品使用记录", en: "add or list input-use records" },
  options: {
    ...DATA_OPTION_SPECS,
    site: { type: "string", value: "SITE", help: { zh: "地块", en: "site" } },
    kind: { type: "string", choices: INPUT_KINDS, help: { zh: "投入品类型", en: "input kind" } },
    name: { type: "string", value: "NAME", help: { zh: "名称", en: "name" } },
    "reg-no": { type: "string", value: "PD…", help: { zh: "登记证号", en: "registration number" } },
    active: {
      type: "string",
      value: "AI",
      help: { zh: "有效成分（多个用 + 连接）", en: "active ingredient(s), joined by +" },
    },
    dose: { type: "string", value: "D", help: { zh: "用量/稀释倍数", en: "dose or dilution" } },
    amount: { type: "string", value: "N", help: { zh: "使用量", en: "amount used" } },
    unit: { type: "string", value: "U", help: { zh: "单位", en: "unit" } },
    method: { type: "string", value: "M", help: { zh: "使用方法", en: "method" } },
    interval: {
      type: "string",
      value: "DAYS",
      help: { zh: "安全间隔期（天）", en: "pre-harvest interval (days)" },
    },
    operator: { type: "string", value: "NAME", help: { zh: "操作人", en: "operator" } },
    crop: { type: "string", value: "C", help: { zh: "作物", en: "crop" } },
    target: { type: "string", value: "T", help: { zh: "防治对象", en: "target pest" } },
    at: {
      type: "string",
      value: "TIME",
      help: {
        zh: "使用时间：ISO-8601，或本站时区的本地时间，如 2026-05-03 07:30",
        en: "applied at: ISO-8601, or station-zone local time, e.g. 2026-05-03 07:30",
      },
    },
    "label-qr": { type: "string", value: "CODE", help: { zh: "标签二维码", en: "label QR code" } },
    "withdrawal-meat": withdrawal("肉", "meat"),
    "withdrawal-eggs": withdrawal("蛋", "eggs"),
    "withdrawal-milk": withdrawal("奶", "milk"),
    "not-for-layers": { type: "boolean", help: { zh: "产蛋期禁用", en: "not for laying hens" } },
    "not-for-lactating": { type: "boolean", help: { zh: "泌乳期禁用", en: "not for lactating animals" } },
  },
  common: DATA_COMMON,
  actions: {
    add: {
      summary: { zh: "录入投入品使用记录", en: "add an input-use record" },
      options: [
        "site",
        "kind",
        "name",
        "reg-no",
        "active",
        "dose",
        "amount",
        "unit",
        "method",
        "interval",
        "operator",
        "crop",
        "target",
        "at",
        "label-qr",
        "withdrawal-meat",
        "withdrawal-eggs",
        "withdrawal-milk",
        "not-for-layers",
        "not-for-lactating",
      ],
      required: ["site", "kind", "name", "amount", "unit", "interval", "operator"],
    },
    list: { summary: { zh: "列出使用记录", en: "list input-use records" } },
    product: {
      summary: { zh: "登记/更正本站产品库", en: "describe a registered product" },
      args: [{ name: "REG_NO", help: { zh: "登记证号", en: "registration number" } }],
      options: ["name", "kind", "active"],
      required: ["name", "kind", "active"],
    },
    products: { summary: { zh: "列出本站产品库", en: "list the station's product registry" } },
  },
  async run({ action, values, args: [regNo = ""], usage }) {
    const cli = openDomainCli(values);
    try {
      if (action === "add") {
        const kind = need(values.kind, "--kind", usage);
        const { record, warning } = cli.domain.inputs.add(
          {
            siteId: need(values.site, "--site", usage),
            kind,
            name: need(values.name, "--name", usage),
            regNo: values["reg-no"],
            activeIngredient: values.active,
            dose: values.dose,
            amount: need(numberOption(values.amount, "amount"), "--amount", usage),
            unit: need(values.unit, "--unit", usage),
            method: values.method,
            intervalDays: need(numberOption(values.interval, "interval"), "--interval", usage),
            operator: need(values.operator, "--operator", usage),
            crop: values.crop,
            target: values.target,
            appliedAt: cli.time(values.at, "at"),
            labelQr: values["label-qr"],
            withdrawal: withdrawalOf(values),
            notForLayers: values["not-for-layers"],
            notForLactating: values["not-for-lactating"],
          },
          { source: "cli" },
        );
        printResult(warning ? { ...record, warning } : record, values.json, () =>
          [
            `已记录 / recorded: ${human(record, cli.zone)}`,
            ...(warning ? [`  注意 / warning: ${warning}`] : []),
          ].join("\n"),
        );
        return EXIT_OK;
      }
      if (action === "product") {
        // The station's registry: later records that give only this number (or its label QR)
        // resolve to these ingredients.
        const product = cli.domain.products.set({
          regNo,
          name: need(values.name, "--name", usage),
          kind: need(values.kind, "--kind", usage),
          ingredients: splitIngredients(need(values.active, "--active", usage)),
        });
        printResult(
          product,
          values.json,
          () => `已登记 / described: ${product.regNo} ${product.name} ${product.ingredients.join("+")}`,
        );
        return EXIT_OK;
      }
      if (action === "products") {
        printRows(cli.domain.products.list(), values.json, (p) =>
          [p.regNo.padEnd(12), p.kind.padEnd(10), p.name, p.ingredients.join("+"), p.source].join("  "),
        );
        return EXIT_OK;
      }
      if (action === "list") {
        printRows(cli.domain.inputs.list(), values.json, (r) => human(r, cli.zone));
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
});
