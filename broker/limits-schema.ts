import { type Static, Type } from "@sinclair/typebox";

const Int = (min: number, max: number, def: number, description: string) =>
  Type.Integer({ minimum: min, maximum: max, default: def, description });

/**
 * Limits that keep one device (or one stranger on the LAN) from starving the others. Defaults
 * are far above what a sensor or scale sends and far below what a flood does.
 */
export const MqttLimitsSection = Type.Object(
  {
    connectMaxBytes: Int(
      512,
      65536,
      4096,
      "登录前（CONNECT）最大包字节数 / largest packet accepted before login (the CONNECT)",
    ),
    messagesPerSecond: Int(1, 100000, 100, "每台设备每秒消息数 / messages per second per device"),
    burst: Int(1, 1000000, 1000, "每台设备可突发的消息数 / messages a device may send at once"),
    holdMs: Int(
      0,
      10000,
      2000,
      "超速的 QoS 1 消息最多延后确认多少毫秒 / longest a QoS 1 message over the rate is held back",
    ),
    retainedMessages: Int(0, 10000, 8, "每台设备保留消息数 / retained messages per device"),
    retainedBytes: Int(0, 16 * 1024 * 1024, 16384, "每台设备保留消息总字节 / retained bytes per device"),
    subscriptions: Int(1, 10000, 16, "每个连接的订阅数 / subscriptions per connection"),
    refusalsPerMinute: Int(
      1,
      100000,
      60,
      "每台设备每分钟拒收记录数 / refused messages recorded per device per minute",
    ),
    strikes: Int(
      1,
      100000,
      200,
      "10 秒内超限多少次后断开 / limit violations within 10 s before the device is disconnected",
    ),
    loginFailures: Int(
      1,
      1000,
      5,
      "同一地址或用户名登录失败多少次后开始退避 / failed logins per address or username before backoff",
    ),
    loginBackoffMaxSeconds: Int(1, 86400, 300, "登录退避最长秒数 / longest login backoff, seconds"),
  },
  { additionalProperties: false, default: {} },
);

export type MqttLimits = Static<typeof MqttLimitsSection>;
