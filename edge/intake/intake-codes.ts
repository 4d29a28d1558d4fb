import { type CodesOf, defineCodes } from "../core/error-codes.js";

/**
 * Why a device message was refused. Each goes to the dead-letter table and to
 * `trace/v1/dev/{id}/error`; the device stays connected.
 */
export const intakeCodes = defineCodes({
  INTAKE_TOO_LARGE: {
    title: { zh: "消息过大", en: "Payload is too large" },
    remedy: {
      zh: "单条消息不超过配置的 mqtt.maxPayloadBytes（默认 64 KiB）；把数据拆成多条发送",
      en: "Keep each payload under mqtt.maxPayloadBytes (64 KiB by default); split the data",
    },
  },
  INTAKE_BAD_UTF8: {
    title: { zh: "消息不是合法的 UTF-8", en: "Payload is not valid UTF-8" },
    remedy: {
      zh: "设备固件须以 UTF-8 编码发送 JSON（不要用 GBK）",
      en: "Device firmware must send JSON encoded as UTF-8 (not GBK)",
    },
  },
  INTAKE_BAD_JSON: {
    title: { zh: "消息不是合法的 JSON", en: "Payload is not valid JSON" },
    remedy: {
      zh: "检查设备固件拼出的 JSON：引号、逗号、括号；可先用 simulate sensor 对照",
      en: "Check the JSON the firmware builds (quotes, commas, brackets); compare with simulate sensor",
    },
  },
  INTAKE_MISSING_FIELD: {
    title: { zh: "缺少必填字段", en: "A required field is missing" },
    remedy: {
      zh: "按 README 中的设备协议补上所列字段",
      en: "Add the listed field as the device contract in the README describes",
    },
  },
  INTAKE_INVALID_FIELD: {
    title: { zh: "字段类型或取值不对", en: "A field has the wrong type or value" },
    remedy: {
      zh: "按设备协议改正所列字段的类型（数字不要加引号）和取值",
      en: "Fix the listed field's type (numbers without quotes) and value per the device contract",
    },
  },
  INTAKE_UNKNOWN_METRIC: {
    title: { zh: "未知的测量项", en: "Unknown metric name" },
    remedy: {
      zh: "测量项名称须取自指标表（如 air_temp、air_rh、soil_moisture），见 README",
      en: "Use a metric name from the registry (e.g. air_temp, air_rh, soil_moisture), see the README",
    },
  },
  INTAKE_OUT_OF_RANGE: {
    title: { zh: "数值超出合理范围", en: "Value is outside the plausible range" },
    remedy: {
      zh: "检查传感器接线、量程和换算系数（如 ×0.1）；指标表列出每项的单位和合理范围",
      en: "Check wiring, range and scale factor (e.g. ×0.1); the registry lists units and ranges",
    },
  },
  INTAKE_BAD_TIME: {
    title: { zh: "时间戳不对", en: "Timestamp is not valid" },
    remedy: {
      zh: "ts 用 ISO-8601 或毫秒时间戳，或不填（按接收时间）；检查设备时钟",
      en: "Send ts as ISO-8601 or epoch milliseconds, or omit it (receive time); check the device clock",
    },
  },
  INTAKE_UNKNOWN_TOPIC: {
    title: { zh: "未知的主题", en: "Unknown topic" },
    remedy: {
      zh: "设备只发布 reading、weight、input、scan、test、status 这几类主题",
      en: "Devices publish only reading, weight, input, scan, test and status topics",
    },
  },
  INTAKE_STORAGE_PAUSED: {
    title: { zh: "磁盘空间不足，暂停接收数据", en: "Intake paused: disk space is low" },
    remedy: {
      zh: "清理磁盘或扩容；空间恢复后设备重发的数据会被自动接收",
      en: "Free disk space; once space is back, resent data is accepted automatically",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof intakeCodes> {}
}
