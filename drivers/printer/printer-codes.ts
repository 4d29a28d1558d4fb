import { type CodesOf, defineCodes } from "../../edge/core/error-codes.js";

/** Printers and their links (TCP, device file, serial). A print job's `reason` may carry one of these. */
export const printerCodes = defineCodes({
  PRINTER_UNKNOWN: {
    title: { zh: "没有这台打印机", en: "Unknown printer" },
    remedy: {
      zh: "用 trace-station printers 查看已配置的打印机名称",
      en: "List configured printers with trace-station printers",
    },
  },
  PRINTER_UNREACHABLE: {
    title: { zh: "打印机连接不上", en: "Printer unreachable" },
    remedy: {
      zh: "检查打印机电源、网线/USB 线和 IP 地址（端口 9100）；任务保留在队列中，连上后自动打印",
      en: "Check power, cable and address (port 9100); the job stays queued and prints when it connects",
    },
  },
  PRINTER_PAPER_OUT: {
    title: { zh: "打印机缺纸", en: "Printer is out of paper" },
    remedy: {
      zh: "装入纸卷或标签纸并合上盖子；任务保留在队列中，恢复后自动打印",
      en: "Load paper or labels and close the cover; the job stays queued and prints afterwards",
    },
  },
  PRINTER_OFFLINE: {
    title: { zh: "打印机离线（盖子打开或出错）", en: "Printer offline (cover open or error)" },
    remedy: {
      zh: "合上打印机盖子，按走纸键清除错误；任务保留在队列中",
      en: "Close the cover and press feed to clear the error; the job stays queued",
    },
  },
  PRINTER_COVER_OPEN: {
    title: { zh: "打印机盖子（打印头）打开", en: "Printer cover (print head) open" },
    remedy: {
      zh: "合上打印机盖子并压紧打印头；任务保留在队列中，合上后自动打印",
      en: "Close the cover and latch the print head; the job stays queued and prints afterwards",
    },
  },
  PRINTER_CONNECTION_LOST: {
    title: { zh: "打印途中连接断开", en: "Connection lost while printing" },
    remedy: {
      zh: "查看标签是否完整打出：完整则确认已打印，不完整则确认重打（trace-station print confirm）",
      en: "Check whether the label came out whole, then confirm it printed or ask for a reprint",
    },
  },
});

declare module "../../edge/core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof printerCodes> {}
}
