import "../../livestock/livestock-codes.js";
import { day, need, numberOption, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { ANIMAL_SEXES, ANIMAL_STATUSES, type Animal } from "../../livestock/animal.js";
import { SPECIES_LIST, SPECIES_ZH } from "../../livestock/ear-tag.js";
import { createLivestock } from "../../livestock/livestock.js";
import type { SaleBatch } from "../../livestock/sale-batch.js";
import { EXIT_FAILURE, EXIT_OK } from "../command.js";
import { printRows } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const TAG = { name: "TAG", help: { zh: "耳标号（15 位）", en: "ear tag (15 digits)" } } as const;
const SALE = { name: "NUMBER", help: { zh: "出栏批次号", en: "sale number" } } as const;

const human = (a: Animal): string =>
  [
    a.written,
    SPECIES_ZH[a.species],
    a.sex.padEnd(7),
    a.status.padEnd(11),
    a.siteId ?? "-",
    a.rfid ?? "",
  ].join("  ");
const humanSale = (s: SaleBatch): string =>
  [
    s.number,
    s.kind.padEnd(9),
    s.state.padEnd(6),
    `${s.heads} 头`,
    `${s.totalKg} kg`,
    s.quarantineNo ?? "-",
    s.lot ?? "",
  ].join("  ");

/** Cattle and sheep by national ear tag: register, treatments, withdrawal, sale batches. */
export const animalCommand = defineCommand({
  name: "animal",
  summary: {
    zh: "牛羊按耳标登记、用药、休药期检查、出栏",
    en: "animals by ear tag: register, treat, withdrawal, sale",
  },
  options: {
    ...DATA_OPTION_SPECS,
    species: { type: "string", choices: SPECIES_LIST, help: { zh: "畜种", en: "species" } },
    sex: { type: "string", choices: ANIMAL_SEXES, help: { zh: "性别", en: "sex" } },
    born: { type: "string", value: "DAY", help: { zh: "出生日期", en: "born on" } },
    arrived: { type: "string", value: "DAY", help: { zh: "购入日期", en: "arrived on" } },
    source: { type: "string", value: "TEXT", help: { zh: "来源（购自何处）", en: "where it came from" } },
    pen: { type: "string", value: "SITE", help: { zh: "圈舍（场所编号）", en: "pen (site id)" } },
    rfid: {
      type: "string",
      value: "ISO15",
      help: { zh: "电子耳标 ISO 11784 号码", en: "RFID ISO 11784 code" },
    },
    status: { type: "string", choices: ANIMAL_STATUSES, help: { zh: "状态", en: "status" } },
    reason: { type: "string", value: "TEXT", help: { zh: "更换原因", en: "why the tag was replaced" } },
    drug: { type: "string", value: "NAME", help: { zh: "兽药名称", en: "veterinary drug" } },
    "meat-days": { type: "string", value: "N", help: { zh: "休药期（天）", en: "meat withdrawal (days)" } },
    "milk-days": { type: "string", value: "N", help: { zh: "弃奶期（天）", en: "milk withdrawal (days)" } },
    at: { type: "string", value: "TIME", help: { zh: "用药时间（默认现在）", en: "given at (default now)" } },
    dose: { type: "string", value: "TEXT", help: { zh: "剂量", en: "dose" } },
    operator: { type: "string", value: "NAME", help: { zh: "用药人", en: "who gave it" } },
    for: {
      type: "string",
      choices: ["meat", "milk"],
      default: "meat",
      help: { zh: "检查肉用还是奶用", en: "check for meat or for milk" },
    },
    day: {
      type: "string",
      value: "YYYY-MM-DD",
      help: { zh: "检查的日期（默认今天）", en: "day to check (default today)" },
    },
    kind: {
      type: "string",
      choices: ["sale", "slaughter"],
      help: { zh: "出售或屠宰", en: "sale or slaughter" },
    },
    product: {
      type: "string",
      value: "ID",
      help: { zh: "产品编号（生成本站批次）", en: "product id (makes a batch)" },
    },
    destination: { type: "string", value: "TEXT", help: { zh: "去向", en: "destination" } },
    quarantine: {
      type: "string",
      value: "NO",
      help: { zh: "动物检疫合格证明编号", en: "animal quarantine certificate number" },
    },
    kg: { type: "string", value: "N", help: { zh: "活重（千克）", en: "live weight (kg)" } },
  },
  common: DATA_COMMON,
  actions: {
    check: { summary: { zh: "检查耳标号", en: "check an ear tag" }, args: [TAG] },
    register: {
      summary: { zh: "登记牲畜", en: "register an animal" },
      args: [TAG],
      options: ["species", "sex", "born", "arrived", "source", "pen", "rfid"],
      required: ["species"],
    },
    show: { summary: { zh: "牲畜档案", en: "an animal's history" }, args: [TAG] },
    list: { summary: { zh: "列出牲畜", en: "list animals" }, options: ["pen", "status"] },
    "replace-tag": {
      summary: { zh: "更换耳标（新旧号都保留）", en: "replace a tag (both codes kept)" },
      args: [
        { name: "OLD", help: { zh: "旧耳标号", en: "old tag" } },
        { name: "NEW", help: { zh: "新耳标号", en: "new tag" } },
      ],
      options: ["reason"],
    },
    update: {
      summary: { zh: "改圈舍、状态或电子耳标", en: "change pen, status or RFID" },
      args: [TAG],
      options: ["pen", "status", "rfid"],
    },
    treat: {
      summary: { zh: "记录用药（按耳标或圈舍）", en: "record a treatment (by tag or pen)" },
      args: [{ ...TAG, optional: true, variadic: true }],
      options: ["pen", "drug", "meat-days", "milk-days", "at", "dose", "operator"],
      required: ["drug"],
    },
    withdrawal: {
      summary: { zh: "检查休药期", en: "check the withdrawal" },
      args: [TAG],
      options: ["for", "day"],
    },
    "sale-open": {
      summary: { zh: "开出栏批次", en: "open a sale batch" },
      options: ["kind", "product", "destination", "quarantine"],
      required: ["kind"],
    },
    "sale-scan": {
      summary: { zh: "扫入一头", en: "scan an animal into a sale" },
      args: [SALE, { name: "CODE", help: { zh: "耳标号或电子耳标号", en: "ear tag or RFID code" } }],
      options: ["kg"],
    },
    "sale-close": { summary: { zh: "完成出栏", en: "close a sale" }, args: [SALE], options: ["quarantine"] },
    sales: { summary: { zh: "列出出栏批次", en: "list sales" } },
  },
  async run({ action, values, args, usage }) {
    const cli = openDomainCli(values);
    const { station, livestock: config, domain: domainConfig } = cli.ctx.loaded.config;
    const livestock = createLivestock(cli.ctx.db, {
      config,
      station: { code: station.code, timezone: station.timezone },
      vetDrugTableFile: domainConfig.vetDrugTableFile,
      vetDrugListFile: domainConfig.vetDrugListFile,
      domain: cli.domain,
    });
    try {
      switch (action) {
        case "check": {
          const tag = livestock.animals.check(need(args[0], "TAG", usage));
          printResult(
            tag,
            values.json,
            () => `耳标有效 / valid: ${tag.written} ${SPECIES_ZH[tag.species]} ${tag.countyName}`,
          );
          return EXIT_OK;
        }
        case "register": {
          const a = livestock.animals.register({
            tag: need(args[0], "TAG", usage),
            species: need(values.species, "--species", usage),
            ...(values.sex !== undefined ? { sex: values.sex } : {}),
            ...(values.born !== undefined ? { bornOn: values.born } : {}),
            ...(values.arrived !== undefined ? { arrivedOn: values.arrived } : {}),
            ...(values.source !== undefined ? { source: values.source } : {}),
            ...(values.pen !== undefined ? { siteId: values.pen } : {}),
            ...(values.rfid !== undefined ? { rfid: values.rfid } : {}),
          });
          printResult(a, values.json, () => `已登记 / registered: ${human(a)}`);
          return EXIT_OK;
        }
        case "show": {
          const h = livestock.history(need(args[0], "TAG", usage));
          printResult(h, values.json, () =>
            [human(h.animal), ...h.entries.map((e) => `  ${e.day}  ${e.text.zh} / ${e.text.en}`)].join("\n"),
          );
          return EXIT_OK;
        }
        case "list": {
          const rows = livestock.animals.list({
            ...(values.pen !== undefined ? { siteId: values.pen } : {}),
            ...(values.status !== undefined ? { status: values.status } : {}),
          });
          printRows(rows, values.json, human);
          return EXIT_OK;
        }
        case "replace-tag": {
          const a = livestock.animals.replaceTag(
            need(args[0], "OLD", usage),
            need(args[1], "NEW", usage),
            values.reason,
          );
          printResult(a, values.json, () => `耳标已更换 / tag replaced: ${human(a)}`);
          return EXIT_OK;
        }
        case "update": {
          const tag = need(args[0], "TAG", usage);
          if (values.rfid !== undefined) livestock.animals.bindRfid(tag, values.rfid);
          const a = livestock.animals.update(tag, {
            ...(values.pen !== undefined ? { siteId: values.pen } : {}),
            ...(values.status !== undefined ? { status: values.status } : {}),
          });
          printResult(a, values.json, () => `已更新 / updated: ${human(a)}`);
          return EXIT_OK;
        }
        case "treat": {
          const meatDays = numberOption(values["meat-days"], "meat-days");
          const milkDays = numberOption(values["milk-days"], "milk-days");
          const appliedAt = cli.maybeTime(values.at, "at");
          const treated = livestock.treatments.treat({
            ...(args.length > 0 ? { tags: args } : {}),
            ...(values.pen !== undefined ? { siteId: values.pen } : {}),
            drug: need(values.drug, "--drug", usage),
            ...(meatDays !== undefined ? { meatDays } : {}),
            ...(milkDays !== undefined ? { milkDays } : {}),
            ...(appliedAt !== undefined ? { appliedAt } : {}),
            ...(values.dose !== undefined ? { dose: values.dose } : {}),
            ...(values.operator !== undefined ? { operator: values.operator } : {}),
          });
          printRows(
            treated,
            values.json,
            (t) =>
              `${t.tag}  ${t.drug}  ${t.appliedDay}  休药期 ${t.meatDays} 天${t.milkDays !== null ? `  弃奶期 ${t.milkDays} 天` : ""}  (${t.daysSource})`,
          );
          return EXIT_OK;
        }
        case "withdrawal": {
          const blocks = livestock.withdrawal(need(args[0], "TAG", usage), values.for, values.day);
          printResult({ ok: blocks.length === 0, blocks }, values.json, () =>
            blocks.length === 0
              ? "休药期已过，可以出栏 / withdrawal kept"
              : blocks.map((b) => b.message).join("\n"),
          );
          return blocks.length === 0 ? EXIT_OK : EXIT_FAILURE;
        }
        case "sale-open": {
          const s = livestock.sales.open({
            kind: need(values.kind, "--kind", usage),
            ...(values.product !== undefined ? { productId: values.product } : {}),
            ...(values.destination !== undefined ? { destination: values.destination } : {}),
            ...(values.quarantine !== undefined ? { quarantineNo: values.quarantine } : {}),
          });
          printResult(s, values.json, () => `出栏批次 / sale opened: ${humanSale(s)}`);
          return EXIT_OK;
        }
        case "sale-scan": {
          const kg = numberOption(values.kg, "kg");
          const s = livestock.sales.scan(need(args[0], "NUMBER", usage), need(args[1], "CODE", usage), {
            via: "cli",
            ...(kg !== undefined ? { weightKg: kg } : {}),
          });
          printResult(s, values.json, () => humanSale(s));
          return EXIT_OK;
        }
        case "sale-close": {
          const s = livestock.sales.close(need(args[0], "NUMBER", usage), {
            ...(values.quarantine !== undefined ? { quarantineNo: values.quarantine } : {}),
          });
          printResult(
            s,
            values.json,
            () => `出栏完成 / sale closed: ${humanSale(s)}  ${day(s.closedAt, cli.zone)}`,
          );
          return EXIT_OK;
        }
        case "sales": {
          printRows(livestock.sales.list(), values.json, humanSale);
          return EXIT_OK;
        }
      }
    } finally {
      cli.close();
    }
  },
});
