import { type CodesOf, defineCodes } from "../core/error-codes.js";

/**
 * Why the packing line refused an intent (print, accept, tare): each is shown on the pack
 * screen where the print button would be, so a worker knows what to do with the carton.
 */
export const lineCodes = defineCodes({
  LINE_UNKNOWN: {
    title: { zh: "没有这条包装线（秤）", en: "No such packing line (scale)" },
    remedy: {
      zh: "在设备页查看秤的编号；串口秤写在 drivers.scales，网络秤须先注册为 scale 类设备",
      en: "Check the scale id on the devices page; serial scales are in drivers.scales, network scales must be registered as kind scale",
    },
  },
  LINE_NO_BATCH: {
    title: { zh: "这台秤还没有选批次", en: "No batch selected on this scale" },
    remedy: { zh: "点“选择批次”，选一个或开一个新批次", en: "Tap choose batch and pick or open one" },
  },
  LINE_NO_WEIGHT: {
    title: { zh: "秤没有数据", en: "No data from the scale" },
    remedy: {
      zh: "检查仪表是否开机、数据线是否插好；恢复后重量会自动出现",
      en: "Check the indicator is on and its data cable plugged; the weight returns by itself",
    },
  },
  LINE_SCALE_STALE: {
    title: { zh: "秤几秒没有数据，不能打印", en: "Scale silent for seconds: printing disabled" },
    remedy: {
      zh: "检查仪表是否关机或数据线松了；显示的重量已不可信",
      en: "Check whether the indicator is off or its cable loose; the shown weight cannot be trusted",
    },
  },
  LINE_OVERLOAD: {
    title: { zh: "秤超载", en: "Scale overloaded" },
    remedy: {
      zh: "减少秤上的货物，超载时不能打印",
      en: "Take load off the scale; nothing prints during overload",
    },
  },
  LINE_UNDERLOAD: {
    title: { zh: "秤欠载或为负重", en: "Scale underloaded or negative" },
    remedy: { zh: "清空秤盘后在仪表上置零", en: "Empty the pan and zero the indicator" },
  },
  LINE_EMPTY_PAN: {
    title: { zh: "秤上没有货物", en: "Nothing on the scale" },
    remedy: { zh: "把货物放到秤上，等显示已稳定", en: "Put the item on the scale and wait for stable" },
  },
  LINE_NOT_STABLE: {
    title: { zh: "重量还没稳定", en: "Weight not stable yet" },
    remedy: {
      zh: "手离开货物，等显示已稳定再点打印",
      en: "Let go of the item and tap print once it is stable",
    },
  },
  LINE_ALREADY_LABELLED: {
    title: { zh: "这件已打印过标签", en: "This item already has its label" },
    remedy: {
      zh: "取下这件放下一件；标签坏了请在列表里点“补打”",
      en: "Take it off and put the next one on; for a damaged label tap reprint in the list",
    },
  },
  LINE_BATCH_SWITCHED: {
    title: { zh: "这件是换批次前放上的", en: "Placed before the batch was switched" },
    remedy: {
      zh: "把它取下再放上，就会记入新批次",
      en: "Take it off and put it back on to weigh it into the new batch",
    },
  },
  LINE_TARE_PLACEMENT: {
    title: { zh: "这是去皮的容器，不是包装", en: "This is the tared container, not a package" },
    remedy: { zh: "往容器里装货，稳定后再打印", en: "Fill the container, then print once it is stable" },
  },
  LINE_BELOW_MINIMUM: {
    title: { zh: "重量低于最小包装重量", en: "Below the minimum package weight" },
    remedy: {
      zh: "秤上可能只是残留的叶子或泥土，请清理秤盘；确实是一件请调整最小包装重量",
      en: "It is probably leaves or soil left on the pan: clean it; if it really is a package, lower the minimum weight",
    },
  },
  LINE_UNDER_NOMINAL: {
    title: { zh: "不足标称重量", en: "Under the nominal weight" },
    remedy: { zh: "补足到标称重量后再打印", en: "Top it up to the nominal weight, then print" },
  },
  LINE_MODE_SETTINGS: {
    title: { zh: "称重方式的设置不完整", en: "Weighing mode settings incomplete" },
    remedy: {
      zh: "装到目标重量须填目标重量；定量包装须填标称重量",
      en: "Fill to target needs a target weight; fixed weight needs a nominal weight",
    },
  },
  LINE_PRINT_PENDING: {
    title: { zh: "上一张标签还没打出", en: "The previous label has not printed yet" },
    remedy: {
      zh: "按屏幕提示处理打印机（缺纸、离线），标签打出后再称下一件；不要了可点“取消打印”",
      en: "Fix the printer as the screen says (paper, offline); weigh the next one once the label is out, or cancel it",
    },
  },
  LINE_JOB_NOT_HERE: {
    title: {
      zh: "这个打印任务不属于这条线的当前包装",
      en: "That print job is not this line's current package",
    },
    remedy: { zh: "刷新操作屏后再试", en: "Reload the screen and try again" },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof lineCodes> {}
}
