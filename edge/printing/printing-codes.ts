import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** The print queue. A job's `reason` carries one of these codes (or a LABEL_* / PRINTER_* one). */
export const printingCodes = defineCodes({
  PRINT_INTERRUPTED: {
    title: { zh: "发送中站点停止（断电或崩溃）", en: "Station stopped while sending" },
    remedy: {
      zh: "查看标签是否已打出，再确认已打印或重打；未确认前不会自动重发，以免重复标签",
      en: "Check whether the label came out, then confirm or reprint; it is never resent on its own",
    },
  },
  PRINT_OUTPUT_FAILED: {
    title: {
      zh: "打印数据生成或预览文件写入失败",
      en: "Could not build the print data or write the preview",
    },
    remedy: {
      zh: "查看日志中的原因；检查数据目录（previews）可写、磁盘有空间、打印机配置（transport）完整，再重试任务",
      en: "See the log; check the data directory (previews) is writable, the disk has space and the printer has a transport, then retry",
    },
  },
  PRINT_JOB_NOT_FOUND: {
    title: { zh: "没有这个打印任务", en: "No such print job" },
    remedy: { zh: "用 trace-station print jobs 查看任务编号", en: "List jobs with trace-station print jobs" },
  },
  PRINT_JOB_STATE: {
    title: { zh: "任务当前状态不允许此操作", en: "The job's state does not allow this" },
    remedy: {
      zh: "只有“待确认”的任务可以确认；已完成的任务请用补打",
      en: "Only jobs awaiting confirmation can be confirmed; use a reprint for finished ones",
    },
  },
  PRINT_ALREADY_PRINTED: {
    title: { zh: "该标签已打印过", en: "This label was already printed" },
    remedy: {
      zh: "重复打印须明确选择补打（--reprint），标签上会印“补打”",
      en: "Printing again must be an explicit reprint (--reprint); the label then says 补打",
    },
  },
  PRINT_CANCELLED: {
    title: { zh: "任务已被操作员取消", en: "Job cancelled by an operator" },
    remedy: {
      zh: "如仍需要这张标签，重新发起打印（已打印过的用补打）",
      en: "Print again if the label is still needed (a reprint if it was printed before)",
    },
  },
  PRINT_RECORD_NOT_FOUND: {
    title: { zh: "找不到要打印的记录", en: "Record to print not found" },
    remedy: {
      zh: "核对包装序列号或合格证编号（区分大小写）",
      en: "Check the package serial or certificate number (case-sensitive)",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof printingCodes> {}
}
