import type { CodeTable } from "../errors/code-entry.js";

/** Codes of early warning (评估预警): rules, the alarm lifecycle and alarm actions. */
export const alarmCodes = {
  ALARM_RULE_INVALID: {
    title: { zh: "预警规则不完整或自相矛盾", en: "Alarm rule is incomplete or contradicts itself" },
    remedy: {
      zh: "按提示补全规则：类型 below/above 要有 threshold，rate 要有 delta 和 windowSec，silent 要有 silentSec；site 与 device 至少填一个；预设名用 trace-station alarms presets 查看",
      en: "Complete the rule as listed: below/above need threshold, rate needs delta and windowSec, silent needs silentSec; give a site or a device; list presets with trace-station alarms presets",
    },
  },
  ALARM_RULE_EXISTS: {
    title: { zh: "同名预警规则已存在", en: "An alarm rule with this id exists" },
    remedy: {
      zh: "换一个规则编号，或先删除旧规则（配置文件里的规则只能在配置中改）",
      en: "Pick another rule id or delete the old rule first (rules from the config file are changed there)",
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
    title: { zh: "此预警已有人确认", en: "This alarm is already acknowledged" },
    remedy: {
      zh: "无需再次确认；处理情况可在预警记录中查看",
      en: "Nothing to do; who acknowledged it is in the alarm record",
    },
  },
  ALARM_ACTION_DEVICE_OFFLINE: {
    title: { zh: "预警联动设备离线，命令未发送", en: "Alarm action device is offline; command not sent" },
    remedy: {
      zh: "立即到现场手动开启设备（增氧机/风机），并检查该设备的电源与网络；设备上线后不会补发命令",
      en: "Switch the device (aerator/fan) on by hand now and check its power and network; the command is not resent when it comes back",
    },
  },
  ALARM_ACTION_NO_ACK: {
    title: { zh: "联动设备没有回执", en: "Alarm action device did not acknowledge" },
    remedy: {
      zh: "到现场确认设备是否已动作；检查设备固件是否订阅 cmd/ 并回发 ack",
      en: "Check on site whether the device acted; check that its firmware subscribes to cmd/ and publishes ack",
    },
  },
  ALARM_ACTION_REFUSED: {
    title: { zh: "联动设备报告命令执行失败", en: "Alarm action device reported a failure" },
    remedy: {
      zh: "到现场手动开启设备，并按设备回执中的原因检修",
      en: "Switch the device on by hand and repair it using the reason in its acknowledgement",
    },
  },
} as const satisfies CodeTable;
