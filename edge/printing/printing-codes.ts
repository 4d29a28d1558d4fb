import type { CodeTable } from "../errors/code-entry.js";

/** Labels, printers and the print queue. A job's `reason` carries one of these codes. */
export const printingCodes = {
  LABEL_GTIN_INVALID: {
    title: { zh: "GTIN 无效", en: "Invalid GTIN" },
    remedy: {
      zh: "在产品资料中填写 8/12/13/14 位 GTIN 并核对校验位（GS1 中国条码以 690–699 开头）",
      en: "Enter an 8/12/13/14-digit GTIN on the product and check its check digit",
    },
  },
  LABEL_QR_TEMPLATE: {
    title: { zh: "二维码网址模板有误", en: "QR URL template is wrong" },
    remedy: {
      zh: "labels.qr 模板只能用 {baseUrl} {code} {lot} {serial} {gtin}",
      en: "labels.qr templates may only use {baseUrl} {code} {lot} {serial} {gtin}",
    },
  },
  LABEL_QR_NOT_ASCII: {
    title: { zh: "二维码内容含非 ASCII 字符", en: "QR content is not ASCII" },
    remedy: {
      zh: "labels.qr.baseUrl 与模板中不要写中文；兼容机打印非 ASCII 二维码会出错",
      en: "Keep Chinese out of labels.qr.baseUrl and templates; clone printers garble non-ASCII QR data",
    },
  },
  LABEL_TEMPLATE_INVALID: {
    title: { zh: "标签模板文件有误", en: "Label template file is invalid" },
    remedy: {
      zh: "按报错路径改正 labels.templatesDir 中的模板 JSON，可参照 labels/templates 下的内置模板",
      en: "Fix the template JSON at the reported path; compare with the built-in ones in labels/templates",
    },
  },
  LABEL_TEMPLATE_UNKNOWN: {
    title: { zh: "没有这个标签模板", en: "No such label template" },
    remedy: {
      zh: "打印机的 labels.packageTemplate / certificateTemplate 须是已有模板名（如 package-60x40、cert-producer-100x70）",
      en: "Use an existing template id (e.g. package-60x40, cert-producer-100x70)",
    },
  },
  LABEL_FONT_MISSING: {
    title: { zh: "找不到中文字体", en: "No Chinese font found" },
    remedy: {
      zh: "发布包自带的 labels/fonts/NotoSansSC-GBK.otf 缺失或 labels.fontFile 指向的文件已不在：重新安装发布包，或安装 fonts-noto-cjk（apt install），或改正 labels.fontFile",
      en: "The release's labels/fonts/NotoSansSC-GBK.otf is missing or labels.fontFile names a file that is gone: reinstall the release, install fonts-noto-cjk, or fix labels.fontFile",
    },
  },
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
  PRINTER_CONNECTION_LOST: {
    title: { zh: "打印途中连接断开", en: "Connection lost while printing" },
    remedy: {
      zh: "查看标签是否完整打出：完整则确认已打印，不完整则确认重打（trace-station print confirm）",
      en: "Check whether the label came out whole, then confirm it printed or ask for a reprint",
    },
  },
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
} as const satisfies CodeTable;
