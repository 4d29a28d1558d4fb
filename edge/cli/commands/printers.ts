import { openPrintCli } from "../../printing/print-cli.js";
import { type Command, EXIT_FAILURE, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows } from "../context.js";

const usage = "trace-station printers [--config FILE] [--data DIR] [--json]";

/** Each printer's link, what it answers to a status request, and its queue. */
export const printersCommand: Command = {
  name: "printers",
  summary: {
    zh: "查看各打印机状态（缺纸、离线）和队列",
    en: "status of each printer (paper, offline) and its queue",
  },
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { options: DATA_OPTIONS }, usage);
    const { printing, close } = openPrintCli(values);
    try {
      const reports = await printing.printers();
      printRows(reports, values.json, (r) => {
        const state =
          r.ready === true
            ? "就绪 / ready"
            : r.ready === false
              ? `异常 / not ready ${r.code ?? ""}`
              : "未知 / unknown";
        const q = r.jobs;
        return `${r.name} (${r.kind}, ${r.link}): ${state}  ${r.detail}\n  队列 / queue: ${q.queued} 排队, ${q.needs_confirmation} 待确认, ${q.failed} 失败, ${q.done} 已打印`;
      });
      if (reports.length === 0) process.stdout.write("没有配置打印机 / no printers configured\n");
      return reports.some((r) => r.ready === false) ? EXIT_FAILURE : EXIT_OK;
    } finally {
      close();
    }
  },
};
