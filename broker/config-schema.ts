import { type Static, Type } from "@sinclair/typebox";
import { Port } from "../edge/core/port-schema.js";
import { MqttLimitsSection } from "./limits-schema.js";

/** The `mqtt` section: where the embedded broker listens and what it accepts. */

export const TlsSection = Type.Object(
  {
    port: Port(8883, "MQTT over TLS 端口 / MQTT over TLS port"),
    cert: Type.String({ minLength: 1, description: "证书文件路径（PEM）/ certificate file (PEM)" }),
    key: Type.String({ minLength: 1, description: "私钥文件路径（PEM）/ private key file (PEM)" }),
    ca: Type.Optional(Type.String({ minLength: 1, description: "CA 证书路径（可选）/ CA file (optional)" })),
  },
  { additionalProperties: false },
);

export const MqttSection = Type.Object(
  {
    host: Type.String({ default: "0.0.0.0", description: "MQTT 监听地址 / address the broker listens on" }),
    port: Port(1883, "MQTT 端口 / MQTT port"),
    allowAnonymous: Type.Boolean({
      default: false,
      description: "允许匿名连接（只读订阅，不能发布）/ allow anonymous clients (read-only, cannot publish)",
    }),
    maxPayloadBytes: Type.Integer({
      minimum: 256,
      maximum: 16 * 1024 * 1024,
      default: 65536,
      description: "单条消息最大字节数 / largest payload accepted, in bytes",
    }),
    limits: MqttLimitsSection,
    tls: Type.Optional(TlsSection),
  },
  { additionalProperties: false, default: {} },
);

export type MqttConfig = Static<typeof MqttSection>;
