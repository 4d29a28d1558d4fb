/**
 * Kiosk texts, Simplified Chinese first with English beside it. The language is a per-screen
 * choice kept in localStorage; the station's config gives the default.
 */
const TEXT = {
  appTitle: ["追溯站", "Trace station"],
  navPack: ["称重打印", "Weigh & print"],
  navCert: ["合格证", "Certificate"],
  navLots: ["进货扫码", "Incoming lots"],
  navTests: ["快速检测", "Rapid test"],
  navLabels: ["打印记录", "Printed labels"],
  navDevices: ["设备", "Devices"],
  lang: ["English", "中文"],
  scale: ["电子秤", "Scale"],
  printer: ["打印机", "Printer"],
  link: ["连接", "Link"],
  ok: ["正常", "OK"],
  offline: ["离线", "Offline"],
  unstable: ["称重不稳", "Unstable"],
  reconnecting: ["正在重新连接站点…", "Reconnecting to the station…"],
  noScale: ["未接电子秤", "No scale"],
  noPrinter: ["未配打印机", "No printer"],
  paperOut: ["缺纸", "Paper out"],
  busy: ["打印中", "Printing"],
  scale_overload: ["超载", "overload"],
  scale_underload: ["欠载", "underload"],
  scale_negative: ["负重量", "negative"],
  scale_busy: ["忙", "busy"],
  scale_error: ["故障", "error"],
  do_scale_overload: ["取下部分货物，不要超过秤的量程", "Take some load off: stay within the scale's range"],
  do_scale_underload: [
    "秤台被抬起或皮重过大：清空秤台后按秤上的置零键",
    "Platform lifted or tare too large: empty it and press zero",
  ],
  do_scale_negative: ["清空秤台后按秤上的置零键", "Empty the platform and press zero on the indicator"],
  do_scale_busy: ["秤正在置零或去皮，稍等", "The scale is zeroing or taring: wait a moment"],
  do_scale_error: [
    "查看秤的显示屏错误码，必要时重启电子秤",
    "Read the error on the indicator; restart the scale if needed",
  ],
  myScale: ["本机电子秤", "This screen's scale"],
  doScaleOffline: [
    "检查电子秤电源和数据线，重新插好后会自动恢复",
    "Check the scale's power and cable; it recovers by itself",
  ],
  doUnstable: ["等待读数稳定，不要碰秤台", "Wait until the reading settles; keep hands off the platform"],
  doPaperOut: [
    "装入标签纸，合上盖子；未打印的标签会自动补上",
    "Load labels and close the lid; waiting labels print then",
  ],
  doPrinterOffline: [
    "检查打印机电源和网线；标签会排队等待",
    "Check the printer's power and cable; labels wait in the queue",
  ],
  product: ["产品", "Product"],
  batch: ["批次", "Batch"],
  chooseBatch: ["选择批次", "Choose batch"],
  openBatch: ["开新批次", "Open a batch"],
  noProducts: [
    "还没有产品。请技术员添加：trace-station product add，或接口 PUT /api/products/{id}",
    "No products yet. A technician adds them: trace-station product add, or PUT /api/products/{id}",
  ],
  noOpenBatch: ["还没有打开的批次，请先开一个批次", "No open batch yet: open one first"],
  sites: ["地块 / 棚 / 圈 / 塘", "Sites"],
  windowStart: ["生产开始日期（定植、入栏、投苗）", "Growing window start (planting, stocking)"],
  harvest: ["采收日期", "Harvest date"],
  closeBatch: ["结束批次", "Close batch"],
  weight: ["重量", "Weight"],
  stable: ["已稳定", "Stable"],
  waitStable: ["等待稳定…", "Settling…"],
  noPackageYet: [
    "这次称重还没有记入批次：请稍候再按；一直如此请检查电子秤是否已选到本批次",
    "This weighing is not in the batch yet: tap again shortly; if it persists, check the scale is on this batch",
  ],
  recording: ["正在记录这次称重…", "Recording this weighing…"],
  placeNext: ["已打印，请放下一件", "Printed: place the next one"],
  placeProduce: ["请放上产品", "Place the produce"],
  printLabel: ["打印标签", "Print label"],
  autoPrint: ["稳定后自动打印", "Auto-print when stable"],
  manualWeight: ["手输重量", "Type weight"],
  manualMark: ["手输", "typed"],
  acceptNoLabel: ["记入（不打标签）", "Accept without label"],
  mode: ["称重方式", "Mode"],
  mode_each: ["每放一件", "Each placement"],
  mode_fill: ["装到目标重量", "Fill to target"],
  mode_fixed: ["定量包装", "Fixed weight"],
  mode_tare: ["先去皮", "Tare first"],
  targetKg: ["目标重量 kg", "Target weight, kg"],
  nominalKg: ["标称重量 kg", "Nominal weight, kg"],
  tare: ["皮重", "Tare"],
  staleScale: ["秤无数据（仪表关机或线断）", "No data from the scale (off or cable)"],
  overload: ["超载", "Overload"],
  underload: ["欠载", "Underload"],
  accepted: ["已记入", "Accepted"],
  waitingPrinter: ["等待打印机", "Waiting for the printer"],
  cancelPrint: ["取消打印", "Cancel print"],
  voidWrongWeight: ["重量不对", "Wrong weight"],
  voidDamaged: ["货物损坏/退回", "Damaged or returned"],
  voidDuplicate: ["重复称重", "Weighed twice"],
  voidOther: ["其他原因（请写明）", "Other (describe)"],
  lastLabels: ["最近标签", "Last labels"],
  total: ["合计", "Total"],
  packages: ["件", "packages"],
  noLabels: ["还没有打印标签", "No labels yet"],
  printed: ["已打印", "Printed"],
  queued: ["排队中", "Queued"],
  failed: ["失败", "Failed"],
  needsConfirmation: ["请查看是否已打出", "Check the paper"],
  didPrint: ["已打出", "It printed"],
  resend: ["重发", "Send again"],
  unknownPrinter: ["打印机状态未知", "Printer state unknown"],
  certTitle: ["承诺达标合格证", "Certificate of compliance"],
  basis: ["承诺依据（可多选）", "Basis (tick one or more)"],
  basisQc: ["质量安全控制符合要求", "Quality-safety control meets requirements"],
  basisOwn: ["自行检测合格", "Own test passed"],
  basisLab: ["委托检测合格", "Commissioned test passed"],
  style: ["格式", "Style"],
  styleProducer: ["生产者", "Producer"],
  styleBuyer: ["收购者", "Buyer"],
  check: ["开证检查", "Check"],
  preview: ["预览", "Preview"],
  issuePrint: ["开具并打印", "Issue and print"],
  blocked: ["不能开证：", "Cannot issue:"],
  passes: ["检查通过，可以开证", "Checks pass: ready to issue"],
  earliest: ["最早可开证日期", "Earliest allowed day"],
  override: ["主管放行（需管理令牌）", "Supervisor override (admin token)"],
  supervisor: ["主管姓名", "Supervisor"],
  reason: ["原因", "Reason"],
  issued: ["已开具", "Issued"],
  voided: ["已作废", "Voided"],
  valid: ["有效", "Valid"],
  reprint: ["补打", "Reprint"],
  void: ["作废", "Void"],
  voidReason: ["作废原因", "Reason for voiding"],
  scanHere: [
    "用扫码枪扫供货方的合格证或追溯码，或手动输入",
    "Scan the supplier's certificate or trace code, or type it",
  ],
  supplier: ["供货方", "Supplier"],
  intoBatch: ["记入当前包装批次", "Goes into the current batch"],
  resultAuto: ["按抑制率判定", "From inhibition %"],
  quantity: ["数量", "Quantity"],
  save: ["保存", "Save"],
  cancel: ["取消", "Cancel"],
  confirm: ["确定", "OK"],
  sample: ["样品", "Sample"],
  method: ["检测方法", "Method"],
  inhibition: ["抑制率 %", "Inhibition %"],
  result: ["结果", "Result"],
  negative: ["阴性（合格）", "Negative"],
  positive: ["阳性", "Positive"],
  suspect: ["可疑", "Suspect"],
  operator: ["检测人", "Operator"],
  recentTests: ["最近检测", "Recent tests"],
  enterPin: ["请输入操作员 PIN", "Enter the kiosk PIN"],
  enterToken: ["请技术员输入管理令牌", "Technician: enter the admin token"],
  wrongPin: ["PIN 不对，请重输", "Wrong PIN, try again"],
  clear: ["清除", "Clear"],
  online: ["在线", "Online"],
  lastMessage: ["最后消息", "Last message"],
  lastRefusal: ["最后拒收", "Last refusal"],
  resetCredentials: ["重置密码", "Reset password"],
  newSecret: ["新密码（只显示一次，请填入设备）", "New password (shown once; put it in the device)"],
  none: ["无", "none"],
  loading: ["加载中…", "Loading…"],
  retry: ["重试", "Retry"],
  code: ["编号", "Code"],
  serial: ["序号", "Serial"],
  time: ["时间", "Time"],
  lot: ["批次码", "Lot"],
  state: ["状态", "State"],
  kind_package: ["包装标签", "Package label"],
  kind_certificate: ["合格证", "Certificate"],
  kind_test: ["测试页", "Test page"],
};

let lang = localStorage.getItem("kiosk.lang") || document.documentElement.dataset.lang || "zh";

export function t(key) {
  const entry = TEXT[key];
  if (!entry) return key;
  return lang === "en" ? entry[1] : entry[0];
}

/** Both languages at once, for the few places a bilingual line helps (errors from the station). */
export function pick(bilingual) {
  if (!bilingual) return "";
  if (typeof bilingual === "string") return bilingual;
  return lang === "en" ? bilingual.en : bilingual.zh;
}

export function language() {
  return lang;
}

export function setLanguage(next, persist = true) {
  lang = next === "en" ? "en" : "zh";
  if (persist) localStorage.setItem("kiosk.lang", lang);
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
}

export function hasStoredLanguage() {
  return localStorage.getItem("kiosk.lang") !== null;
}
