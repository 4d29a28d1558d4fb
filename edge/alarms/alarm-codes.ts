import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of early warning (评估预警): rules, the alarm lifecycle and alarm actions. */
export const alarmCodes = defineCodes({
  ALARM_RULE_INVALID: {
    title: { zh: "预警规则不完整或自相矛盾", en: "Alarm rule is incomplete" },
    remedy: {
      zh: "按提示补全规则（site 或 device、阈值、时间窗）；预设见 trace-station alarms presets",
      en: "Complete the rule as listed (site or device, threshold, window); see trace-station alarms presets",
    },
  },
  ALARM_RULE_EXISTS: {
    title: { zh: "同名预警规则已存在", en: "An alarm rule with this id exists" },
    remedy: {
      zh: "换一个规则编号或先删除旧规则；配置文件里的规则只在配置中改",
      en: "Pick another id or delete the old rule; rules from the config file change there",
    },
  },
  ALARM_NOT_FOUND: {
    title: { zh: "预警或规则不存在", en: "Alarm or rule not found" },
    remedy: {
      zh: "用 trace-station alarms list（或 alarms rules）核对编号",
      en: "Check the id with trace-station alarms list (or alarms rules)",
    },
  },
  ALARM_ALREADY_ACKNOWLEDGED: {
    title: { zh: "此预警已有人确认", en: "Alarm already acknowledged" },
    remedy: {
      zh: "无需再次确认；确认人和说明在预警记录中",
      en: "Nothing to do; who acknowledged it is in the alarm record",
    },
  },
  ALARM_DEVICE_OFFLINE: {
    title: { zh: "联动设备离线，命令未发送", en: "Action device offline; command not sent" },
    remedy: {
      zh: "立即到现场手动开启增氧机或风机，再查其电源与网络；上线后不补发命令",
      en: "Switch the aerator or fan on by hand now, then check its power and network; nothing is resent",
    },
  },
  ALARM_ACTION_NO_ACK: {
    title: { zh: "联动设备没有回执", en: "Action device did not acknowledge" },
    remedy: {
      zh: "到现场确认设备是否已动作；检查固件是否订阅 cmd/ 并回发 ack",
      en: "Check on site that it acted; check its firmware subscribes to cmd/ and publishes ack",
    },
  },
  ALARM_ACTION_REFUSED: {
    title: { zh: "联动设备报告执行失败", en: "Action device reported a failure" },
    remedy: {
      zh: "到现场手动开启设备，并按回执中的原因检修",
      en: "Switch the device on by hand and repair it using the reason it gave",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof alarmCodes> {}
}
