import { need, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { SITE_KINDS, type Site } from "../../domain/records.js";
import { EXIT_OK } from "../command.js";
import { printRows, usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const human = (s: Site): string =>
  [s.id.padEnd(12), s.name.padEnd(10), s.kind.padEnd(10), s.devices.join(",") || "-"].join("  ");

/** Plots, greenhouses, pens and ponds, and which devices stand on them. */
export const siteCommand = defineCommand({
  name: "site",
  summary: {
    zh: "登记地块/圈舍/池塘，放置设备",
    en: "add sites (plot, greenhouse, pen, pond), place devices",
  },
  options: {
    ...DATA_OPTION_SPECS,
    name: { type: "string", value: "NAME", help: { zh: "名称", en: "name" } },
    kind: { type: "string", choices: SITE_KINDS, help: { zh: "类型", en: "kind" } },
    area: { type: "string", value: "AREA", help: { zh: "面积", en: "area" } },
  },
  common: DATA_COMMON,
  actions: {
    add: {
      summary: { zh: "登记地块", en: "add a site" },
      args: [{ name: "ID", help: { zh: "地块编号", en: "site id" } }],
      options: ["name", "kind", "area"],
      required: ["name", "kind"],
    },
    place: {
      summary: { zh: "把设备放在地块上", en: "place a device on a site" },
      args: [
        { name: "DEVICE", help: { zh: "设备编号", en: "device id" } },
        { name: "SITE", help: { zh: "地块编号", en: "site id" } },
      ],
    },
    list: { summary: { zh: "列出地块", en: "list sites" } },
  },
  async run({ action, values, args: [a = "", b = ""], usage }) {
    const cli = openDomainCli(values);
    try {
      if (action === "add") {
        const kind = need(values.kind, "--kind", usage);
        const s = cli.domain.master.putSite({
          id: a,
          name: need(values.name, "--name", usage),
          kind,
          area: values.area,
        });
        printResult(s, values.json, () => `地块已登记 / site saved: ${human(s)}`);
        return EXIT_OK;
      }
      if (action === "place") {
        cli.domain.master.placeDevice(a, b);
        const s = cli.domain.master.requireSite(b);
        printResult(s, values.json, () => `设备已放置 / device placed: ${human(s)}`);
        return EXIT_OK;
      }
      if (action === "list") {
        printRows(cli.domain.master.sites(), values.json, human);
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
});
