import {
  day,
  need,
  needOneOf,
  numberOption,
  openDomainCli,
  printResult,
} from "../../domain/cli/domain-cli.js";
import { splitIngredients } from "../../domain/inputs/input-products.js";
import { INPUT_KINDS, type InputRecord } from "../../domain/records.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  `trace-station input add --site SITE --kind ${INPUT_KINDS.join("|")} --name NAME [--reg-no PD…] [--active AI] [--dose D] --amount N --unit U [--method M] --interval DAYS --operator NAME [--crop C] [--target T] [--at TIME] [--label-qr CODE] [--withdrawal-meat D] [--withdrawal-eggs D] [--withdrawal-milk D] [--not-for-layers] [--not-for-lactating] [--json]`,
  "  --at: ISO-8601, or local time of the station zone without offset, e.g. 2026-05-03 07:30",
  "trace-station input list [--json]",
  "trace-station input product REG_NO --name NAME --kind KIND --active AI[+AI…] [--json]   (登记/更正本站产品库 / describe a registered product)",
  "trace-station input products [--json]",
].join("\n       ");

/** --withdrawal-meat/eggs/milk: the record's own withdrawal days per animal product. */
function withdrawalOf(values: Record<string, string | boolean | undefined>) {
  const out: { meat?: number; eggs?: number; milk?: number } = {};
  for (const product of ["meat", "eggs", "milk"] as const) {
    const days = numberOption(values[`withdrawal-${product}`] as string | undefined, `withdrawal-${product}`);
    if (days !== undefined) out[product] = days;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

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
export const inputCommand: Command = {
  name: "input",
  summary: { zh: "录入或列出投入品使用记录", en: "add or list input-use records" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          site: { type: "string" },
          kind: { type: "string" },
          name: { type: "string" },
          "reg-no": { type: "string" },
          active: { type: "string" },
          dose: { type: "string" },
          amount: { type: "string" },
          unit: { type: "string" },
          method: { type: "string" },
          interval: { type: "string" },
          operator: { type: "string" },
          crop: { type: "string" },
          target: { type: "string" },
          at: { type: "string" },
          "label-qr": { type: "string" },
          "withdrawal-meat": { type: "string" },
          "withdrawal-eggs": { type: "string" },
          "withdrawal-milk": { type: "string" },
          "not-for-layers": { type: "boolean" },
          "not-for-lactating": { type: "boolean" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const cli = openDomainCli(values);
    try {
      if (positionals[0] === "add") {
        const kind = needOneOf(values.kind, INPUT_KINDS, "--kind", usage);
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
      if (positionals[0] === "product") {
        // The station's registry: later records that give only this number (or its label QR)
        // resolve to these ingredients.
        const product = cli.domain.products.set({
          regNo: need(positionals[1], "REG_NO", usage),
          name: need(values.name, "--name", usage),
          kind: needOneOf(values.kind, INPUT_KINDS, "--kind", usage),
          ingredients: splitIngredients(need(values.active, "--active", usage)),
        });
        printResult(
          product,
          values.json,
          () => `已登记 / described: ${product.regNo} ${product.name} ${product.ingredients.join("+")}`,
        );
        return EXIT_OK;
      }
      if (positionals[0] === "products") {
        printRows(cli.domain.products.list(), values.json ?? false, (p) =>
          [p.regNo.padEnd(12), p.kind.padEnd(10), p.name, p.ingredients.join("+"), p.source].join("  "),
        );
        return EXIT_OK;
      }
      if (positionals[0] === "list") {
        printRows(cli.domain.inputs.list(), values.json ?? false, (r) => human(r, cli.zone));
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
};
