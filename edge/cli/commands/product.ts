import { need, needOneOf, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { PRODUCT_CATEGORIES, type Product } from "../../domain/records.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  `trace-station product add ID --name NAME --category ${PRODUCT_CATEGORIES.join("|")} [--crop CROP] [--unit kg] [--gtin GTIN] [--green-code GF…] [--organic-code CODE] [--json]`,
  "trace-station product list [--json]",
].join("\n       ");

const human = (p: Product): string =>
  [p.id.padEnd(12), p.name.padEnd(10), p.category.padEnd(12), p.unit.padEnd(4), p.gtin ?? "-"].join("  ");

export const productCommand: Command = {
  name: "product",
  summary: { zh: "登记或列出产品", en: "add or list products" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          name: { type: "string" },
          category: { type: "string" },
          crop: { type: "string" },
          unit: { type: "string" },
          gtin: { type: "string" },
          "green-code": { type: "string" },
          "organic-code": { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action, id] = positionals;
    const cli = openDomainCli(values);
    try {
      if (action === "add") {
        const category = needOneOf(values.category, PRODUCT_CATEGORIES, "--category", usage);
        const p = cli.domain.master.putProduct({
          id: need(id, "ID", usage),
          name: need(values.name, "--name", usage),
          category,
          crop: values.crop,
          unit: values.unit,
          gtin: values.gtin,
          greenCode: values["green-code"],
          organicCode: values["organic-code"],
        });
        printResult(p, values.json, () => `产品已登记 / product saved: ${human(p)}`);
        return EXIT_OK;
      }
      if (action === "list") {
        printRows(cli.domain.master.products(), values.json ?? false, human);
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
};
