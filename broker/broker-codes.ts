import { type CodesOf, defineCodes } from "../edge/core/error-codes.js";

/** Codes of the embedded broker and its device registry. */
export const brokerCodes = defineCodes({
  DEVICE_EXISTS: {
    title: { zh: "设备编号已存在", en: "Device id already exists" },
    remedy: {
      zh: "换一个编号，或先 trace-station device remove 旧设备",
      en: "Choose another id, or remove the old device first with trace-station device remove",
    },
  },
  DEVICE_NOT_FOUND: {
    title: { zh: "设备不存在", en: "Device not found" },
    remedy: {
      zh: "用 trace-station device list 查看已登记的设备",
      en: "List devices with trace-station device list",
    },
  },
  DEVICE_ID_INVALID: {
    title: { zh: "设备编号格式不对", en: "Device id is not valid" },
    remedy: {
      zh: "设备编号只能用 1–64 个英文字母、数字、- 或 _",
      en: "Use 1–64 ASCII letters, digits, - or _ for a device id",
    },
  },
  MQTT_AUTH_FAILED: {
    title: { zh: "设备用户名或密码错误", en: "Device username or password is wrong" },
    remedy: {
      zh: "MQTT 用户名填设备编号，密码用 device add 时打印的密码；忘记时重置凭据",
      en: "Use the device id as MQTT username and the password printed by device add; reset credentials if lost",
    },
  },
  MQTT_ACL_DENIED: {
    title: { zh: "设备无权发布或订阅该主题", en: "Device may not publish or subscribe to this topic" },
    remedy: {
      zh: "设备只能发布到 trace/v1/dev/{自己的编号}/...，只能订阅自己的 cmd/ 和 error",
      en: "A device publishes only under trace/v1/dev/{its id}/ and subscribes only to its own cmd/ and error",
    },
  },
  MQTT_CLIENT_ID_TAKEN: {
    title: { zh: "客户端编号属于另一台设备", en: "Client id belongs to another device" },
    remedy: {
      zh: "MQTT 客户端编号（client id）填本设备编号，或“设备编号.后缀”；不要用别的设备的编号",
      en: "Use the device id (or device-id.suffix) as MQTT client id, never another device's id",
    },
  },
  MQTT_REVOKED: {
    title: {
      zh: "设备已删除或密码已重置，连接被断开",
      en: "Device removed or its password reset: disconnected",
    },
    remedy: {
      zh: "把 device reset 打印的新密码写入设备；设备已删除时用 device add 重新登记",
      en: "Put the new password from device reset into the device; re-register a removed device with device add",
    },
  },
  MQTT_PACKET_TOO_LARGE: {
    title: { zh: "MQTT 包超过大小上限，连接被断开", en: "MQTT packet over the size limit: disconnected" },
    remedy: {
      zh: "登录包不超过 mqtt.limits.connectMaxBytes；消息不超过 mqtt.maxPayloadBytes；检查是否有人攻击本站",
      en: "Keep the CONNECT under mqtt.limits.connectMaxBytes and messages under mqtt.maxPayloadBytes; check for an attack",
    },
  },
  MQTT_CONNECT_THROTTLED: {
    title: {
      zh: "登录失败过多，暂时拒绝连接",
      en: "Too many failed logins: connections refused for a while",
    },
    remedy: {
      zh: "等待后重试并检查设备密码；如非本站设备，查看局域网中谁在猜密码（日志中有地址）",
      en: "Wait and retry with the right password; if it is not your device, find who on the LAN is guessing (address in the log)",
    },
  },
  MQTT_PROTOCOL_UNSUPPORTED: {
    title: {
      zh: "不支持的 MQTT 版本（本站只接受 MQTT 3.1.1）",
      en: "MQTT version not supported (3.1.1 only)",
    },
    remedy: {
      zh: "把设备固件的 MQTT 协议版本设为 3.1.1（protocolVersion 4）",
      en: "Set the device firmware to MQTT 3.1.1 (protocolVersion 4)",
    },
  },
  MQTT_TOPIC_INVALID: {
    title: { zh: "主题含空字符或控制字符", en: "Topic contains a null or control character" },
    remedy: {
      zh: "主题只用可见字符，按 trace/v1/dev/{设备编号}/reading 等格式发布",
      en: "Use printable characters only, as in trace/v1/dev/{id}/reading",
    },
  },
  MQTT_RATE_LIMITED: {
    title: { zh: "设备发送过快，消息被拒收", en: "Device sends too fast: message refused" },
    remedy: {
      zh: "降低发送频率（上限 mqtt.limits.messagesPerSecond）；QoS 1 消息未确认，会自动重发",
      en: "Send less often (mqtt.limits.messagesPerSecond); unacknowledged QoS 1 messages are resent",
    },
  },
  MQTT_RETAINED_LIMIT: {
    title: { zh: "设备保留消息超限，未保留", en: "Retained-message limit reached: not retained" },
    remedy: {
      zh: "只在 status 主题用保留消息；消息本身已照常处理",
      en: "Retain only the status topic; the message itself was handled as usual",
    },
  },
  MQTT_SUBSCRIPTIONS_LIMIT: {
    title: { zh: "订阅数超限", en: "Subscription limit reached" },
    remedy: {
      zh: "设备只需订阅自己的 cmd/# 和 error 两个主题",
      en: "A device needs two subscriptions only: its own cmd/# and error",
    },
  },
  MQTT_REFUSALS_LIMIT: {
    title: { zh: "拒收消息过多，设备被断开", en: "Too many refused messages: device disconnected" },
    remedy: {
      zh: "订阅 trace/v1/dev/{设备编号}/error 查看拒收原因并修正固件",
      en: "Subscribe to trace/v1/dev/{id}/error, read why messages are refused and fix the firmware",
    },
  },
  MQTT_LIMIT_DISCONNECT: {
    title: {
      zh: "设备持续超限，已断开并暂停连接",
      en: "Device kept exceeding its limits: disconnected for a while",
    },
    remedy: {
      zh: "检查设备固件的发送循环；等待一段时间后设备可重新连接",
      en: "Check the firmware's send loop; the device may reconnect after a pause",
    },
  },
});

declare module "../edge/core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof brokerCodes> {}
}
