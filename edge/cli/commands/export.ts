import "../cli-codes.js";
import { writeFileSync } from "node:fs";
import { StationError } from "../../core/station-error.js";
import { openDomainCli } from "../../domain/cli/domain-cli.js";
import { exportEpcis } from "../../epcis/export-events.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs } from "../context.js";

const usage = "trace-station export epcis [--batch LOT | --since TIME] [--out FILE]";

/** GS1 EPCIS 2.0 JSON-LD of one batch, or of every batch's events since a time. */
export const exportCommand: Command = {
  name: "export",
  summary: { zh: "导出 GS1 EPCIS 2.0 事件（JSON-LD）", en: "export GS1 EPCIS 2.0 events (JSON-LD)" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          batch: { type: "string" },
          since: { type: "string" },
          out: { type: "string", short: "o" },
        },
        allowPositionals: true,
      },
      usage,
    );
    if (positionals[0] !== "epcis" || positionals.length !== 1) {
      throw new StationError("CLI_USAGE", `目前只支持 epcis / only "export epcis" exists\n用法: ${usage}`);
    }
    if (values.batch !== undefined && values.since !== undefined) {
      throw new StationError(
        "CLI_USAGE",
        `--batch 与 --since 二选一 / use --batch or --since, not both\n用法: ${usage}`,
      );
    }
    const cli = openDomainCli(values);
    try {
      const since = cli.maybeTime(values.since, "since");
      const { station } = cli.ctx.loaded.config;
      const document = exportEpcis(
        cli.domain,
        { code: station.code, name: station.name, timezone: station.timezone },
        {
          ...(values.batch !== undefined ? { lot: values.batch } : {}),
          ...(since !== undefined ? { since } : {}),
        },
        Date.now(),
      );
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (values.out !== undefined) {
        writeFileSync(values.out, text);
        process.stderr.write(
          `已导出 ${document.epcisBody.eventList.length} 个事件 / exported ${document.epcisBody.eventList.length} events → ${values.out}\n`,
        );
      } else {
        process.stdout.write(text);
      }
      return EXIT_OK;
    } finally {
      cli.close();
    }
  },
};
