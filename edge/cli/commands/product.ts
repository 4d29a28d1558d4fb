import { need, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { PRODUCT_CATEGORIES, type Product } from "../../domain/records.js";
import { EXIT_OK } from "../command.js";
import { printRows, usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const human = (p: Product): string =>
  [p.id.padEnd(12), p.name.padEnd(10), p.category.padEnd(12), p.unit.padEnd(4), p.gtin ?? "-"].join("  ");

export const productCommand = defineCommand({
  name: "product",
  summary: { zh: "登记或列出产品", en: "add or list products" },
  options: {
    ...DATA_OPTION_SPECS,
    name: { type: "string", value: "NAME", help: { zh: "产品名称", en: "product name" } },
    category: { type: "string", choices: PRODUCT_CATEGORIES, help: { zh: "产品类别", en: "category" } },
    crop: { type: "string", value: "CROP", help: { zh: "作物/品种", en: "crop or breed" } },
    unit: { type: "string", value: "kg", help: { zh: "计量单位", en: "unit" } },
    gtin: { type: "string", value: "GTIN", help: { zh: "商品条码 GTIN", en: "GTIN barcode" } },
    "green-code": { type: "string", value: "GF…", help: { zh: "绿色食品编号", en: "green food code" } },
    "organic-code": {
      type: "string",
      value: "CODE",
      help: { zh: "有机产品认证号", en: "organic certificate" },
    },
  },
  common: DATA_COMMON,
  actions: {
    add: {
      summary: { zh: "登记产品", en: "add a product" },
      args: [{ name: "ID", help: { zh: "产品编号", en: "product id" } }],
      options: ["name", "category", "crop", "unit", "gtin", "green-code", "organic-code"],
      required: ["name", "category"],
    },
    list: { summary: { zh: "列出产品", en: "list products" } },
  },
  async run({ action, values, args: [id = ""], usage }) {
    const cli = openDomainCli(values);
    try {
      if (action === "add") {
        const category = need(values.category, "--category", usage);
        const p = cli.domain.master.putProduct({
          id,
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
        printRows(cli.domain.master.products(), values.json, human);
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
});
