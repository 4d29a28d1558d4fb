import "../../livestock/livestock-codes.js";
import {
  day,
  need,
  needOneOf,
  numberOption,
  openDomainCli,
  printResult,
} from "../../domain/cli/domain-cli.js";
import { ANIMAL_SEXES, ANIMAL_STATUSES, type Animal } from "../../livestock/animal.js";
import { SPECIES_LIST, SPECIES_ZH } from "../../livestock/ear-tag.js";
import { createLivestock } from "../../livestock/livestock.js";
import type { SaleBatch } from "../../livestock/sale-batch.js";
import { type Command, EXIT_FAILURE, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  "trace-station animal check TAG",
  `trace-station animal register TAG --species ${SPECIES_LIST.join("|")} [--sex ${ANIMAL_SEXES.join("|")}] [--born DAY | --arrived DAY --source TEXT] [--pen SITE] [--rfid ISO15] [--json]`,
  "trace-station animal show TAG [--json]",
  `trace-station animal list [--pen SITE] [--status ${ANIMAL_STATUSES.join("|")}] [--json]`,
  "trace-station animal replace-tag OLD NEW [--reason TEXT]",
  `trace-station animal update TAG [--pen SITE] [--status ${ANIMAL_STATUSES.join("|")}] [--rfid ISO15]`,
  "trace-station animal treat [TAG ...] [--pen SITE] --drug NAME [--meat-days N] [--milk-days N] [--at TIME] [--dose TEXT] [--operator NAME]",
  "trace-station animal withdrawal TAG [--for meat|milk] [--day YYYY-MM-DD]",
  "trace-station animal sale-open --kind sale|slaughter [--product ID] [--destination TEXT] [--quarantine NO]",
  "trace-station animal sale-scan NUMBER CODE [--kg N]",
  "trace-station animal sale-close NUMBER [--quarantine NO]",
  "trace-station animal sales [--json]",
].join("\n       ");

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
export const animalCommand: Command = {
  name: "animal",
  summary: {
    zh: "牛羊按耳标登记、用药、休药期检查、出栏",
    en: "animals by ear tag: register, treat, withdrawal, sale",
  },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          species: { type: "string" },
          sex: { type: "string" },
          born: { type: "string" },
          arrived: { type: "string" },
          source: { type: "string" },
          pen: { type: "string" },
          rfid: { type: "string" },
          status: { type: "string" },
          reason: { type: "string" },
          drug: { type: "string" },
          "meat-days": { type: "string" },
          "milk-days": { type: "string" },
          at: { type: "string" },
          dose: { type: "string" },
          operator: { type: "string" },
          for: { type: "string" },
          day: { type: "string" },
          kind: { type: "string" },
          product: { type: "string" },
          destination: { type: "string" },
          quarantine: { type: "string" },
          kg: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action, ...args] = positionals;
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
            species: needOneOf(values.species, SPECIES_LIST, "--species", usage),
            ...(values.sex !== undefined ? { sex: needOneOf(values.sex, ANIMAL_SEXES, "--sex", usage) } : {}),
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
            ...(values.status !== undefined
              ? { status: needOneOf(values.status, ANIMAL_STATUSES, "--status", usage) }
              : {}),
          });
          printRows(rows, values.json ?? false, human);
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
            ...(values.status !== undefined
              ? { status: needOneOf(values.status, ANIMAL_STATUSES, "--status", usage) }
              : {}),
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
            values.json ?? false,
            (t) =>
              `${t.tag}  ${t.drug}  ${t.appliedDay}  休药期 ${t.meatDays} 天${t.milkDays !== null ? `  弃奶期 ${t.milkDays} 天` : ""}  (${t.daysSource})`,
          );
          return EXIT_OK;
        }
        case "withdrawal": {
          const output = needOneOf(values.for ?? "meat", ["meat", "milk"] as const, "--for", usage);
          const blocks = livestock.withdrawal(need(args[0], "TAG", usage), output, values.day);
          printResult({ ok: blocks.length === 0, blocks }, values.json, () =>
            blocks.length === 0
              ? "休药期已过，可以出栏 / withdrawal kept"
              : blocks.map((b) => b.message).join("\n"),
          );
          return blocks.length === 0 ? EXIT_OK : EXIT_FAILURE;
        }
        case "sale-open": {
          const s = livestock.sales.open({
            kind: needOneOf(values.kind, ["sale", "slaughter"] as const, "--kind", usage),
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
          printRows(livestock.sales.list(), values.json ?? false, humanSale);
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
