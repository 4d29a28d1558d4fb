import { need, needOneOf, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { SITE_KINDS, type Site } from "../../domain/records.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  `trace-station site add ID --name NAME --kind ${SITE_KINDS.join("|")} [--area AREA] [--json]`,
  "trace-station site place DEVICE SITE",
  "trace-station site list [--json]",
].join("\n       ");

const human = (s: Site): string =>
  [s.id.padEnd(12), s.name.padEnd(10), s.kind.padEnd(10), s.devices.join(",") || "-"].join("  ");

/** Plots, greenhouses, pens and ponds, and which devices stand on them. */
export const siteCommand: Command = {
  name: "site",
  summary: {
    zh: "登记地块/圈舍/池塘，放置设备",
    en: "add sites (plot, greenhouse, pen, pond), place devices",
  },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          name: { type: "string" },
          kind: { type: "string" },
          area: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action, a, b] = positionals;
    const cli = openDomainCli(values);
    try {
      if (action === "add") {
        const kind = needOneOf(values.kind, SITE_KINDS, "--kind", usage);
        const s = cli.domain.master.putSite({
          id: need(a, "ID", usage),
          name: need(values.name, "--name", usage),
          kind,
          area: values.area,
        });
        printResult(s, values.json, () => `地块已登记 / site saved: ${human(s)}`);
        return EXIT_OK;
      }
      if (action === "place") {
        cli.domain.master.placeDevice(need(a, "DEVICE", usage), need(b, "SITE", usage));
        const s = cli.domain.master.requireSite(b as string);
        printResult(s, values.json, () => `设备已放置 / device placed: ${human(s)}`);
        return EXIT_OK;
      }
      if (action === "list") {
        printRows(cli.domain.master.sites(), values.json ?? false, human);
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
};
