import { openPrintCli } from "../../printing/print-cli.js";
import { EXIT_FAILURE, EXIT_OK } from "../command.js";
import { printRows } from "../context.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** Each printer's link, what it answers to a status request, and its queue. */
export const printersCommand = defineCommand({
  name: "printers",
  summary: {
    zh: "查看各打印机状态（缺纸、离线）和队列",
    en: "status of each printer (paper, offline) and its queue",
  },
  options: DATA_OPTION_SPECS,
  notes: [{ zh: "有打印机异常时退出码 1", en: "exit 1 when a printer is not ready" }],
  async run({ values }) {
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
});
