import "../cli-codes.js";
import { writeFileSync } from "node:fs";
import { StationError } from "../../core/station-error.js";
import { openDomainCli } from "../../domain/cli/domain-cli.js";
import { exportEpcis } from "../../epcis/export-events.js";
import { EXIT_OK } from "../command.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** GS1 EPCIS 2.0 JSON-LD of one batch, or of every batch's events since a time. */
export const exportCommand = defineCommand({
  name: "export",
  summary: { zh: "导出 GS1 EPCIS 2.0 事件（JSON-LD）", en: "export GS1 EPCIS 2.0 events (JSON-LD)" },
  options: {
    config: DATA_OPTION_SPECS.config,
    data: DATA_OPTION_SPECS.data,
    batch: { type: "string", value: "LOT", help: { zh: "只导出此批次", en: "this batch only" } },
    since: {
      type: "string",
      value: "TIME",
      help: { zh: "此时间以来的所有批次事件", en: "every batch's events since" },
    },
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      help: { zh: "写入文件（默认输出到屏幕）", en: "write to a file (default: print)" },
    },
  },
  common: ["config", "data"],
  actions: {
    epcis: {
      summary: { zh: "GS1 EPCIS 2.0 JSON-LD 文档", en: "a GS1 EPCIS 2.0 JSON-LD document" },
      options: ["batch", "since", "out"],
    },
  },
  notes: [{ zh: "--batch 与 --since 二选一", en: "use --batch or --since, not both" }],
  async run({ values, usage }) {
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
});
