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
});

declare module "../edge/core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof brokerCodes> {}
}
