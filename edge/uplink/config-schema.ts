import { type Static, Type } from "@sinclair/typebox";

/**
 * The `uplink` config section: where records go upward and how hard to try. Several sinks may
 * run at once, each with its own delivery state; a sink's `name` keys that state in the
 * database, so renaming a sink starts it from the beginning of the backlog.
 */

const SinkName = Type.String({
  pattern: "^[a-z0-9][a-z0-9_-]{0,31}$",
  description:
    "通道名称（小写字母、数字、- _），投递进度按它保存 / sink name (a-z 0-9 - _); delivery state is kept under it",
});

export const MqttSinkSection = Type.Object(
  {
    type: Type.Literal("mqtt", { description: "上游 MQTT 服务器 / upstream MQTT broker" }),
    name: SinkName,
    url: Type.String({
      pattern: "^(mqtt|mqtts|tcp|tls|ws|wss)://",
      description: "上游地址，如 mqtts://platform.example.cn:8883 / broker URL, e.g. mqtts://host:8883",
    }),
    ca: Type.Optional(
      Type.String({ minLength: 1, description: "CA 证书文件（PEM）/ CA certificate file (PEM)" }),
    ),
    cert: Type.Optional(
      Type.String({ minLength: 1, description: "客户端证书文件（PEM）/ client certificate file (PEM)" }),
    ),
    key: Type.Optional(
      Type.String({ minLength: 1, description: "客户端私钥文件（PEM）/ client private key file (PEM)" }),
    ),
    username: Type.Optional(Type.String({ minLength: 1, description: "用户名 / username" })),
    password: Type.Optional(Type.String({ description: "密码 / password" })),
    clientId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          "固定的客户端编号；默认 trace-station-<站点代码>-<通道名> / fixed client id; default trace-station-<code>-<name>",
      }),
    ),
    format: Type.Union([Type.Literal("station"), Type.Literal("epcis")], {
      default: "station",
      description:
        "载荷格式：station 为站点自有 JSON（每条记录，见 uplink-record-v1.schema.json），epcis 为 GS1 EPCIS 2.0 JSON-LD 事件 / payload: station (own versioned JSON per record) or epcis (GS1 EPCIS 2.0 JSON-LD events)",
    }),
    topic: Type.String({
      minLength: 1,
      default: "trace-station/{station}/{kind}",
      description:
        "主题模板，可用 {station} {stream} {kind} {device} / topic template with {station} {stream} {kind} {device}",
    }),
    inFlight: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 500,
      description: "最多同时等待确认（PUBACK）的消息数 / most messages awaiting PUBACK at once",
    }),
    keepaliveSec: Type.Integer({
      minimum: 0,
      maximum: 3600,
      default: 30,
      description: "心跳间隔秒数 / MQTT keepalive, seconds",
    }),
    connectTimeoutMs: Type.Integer({
      minimum: 100,
      maximum: 120000,
      default: 10000,
      description: "连接超时毫秒 / connect timeout, ms",
    }),
  },
  { additionalProperties: false },
);

export const HttpsSinkSection = Type.Object(
  {
    type: Type.Literal("https", {
      description: "上游 HTTPS 接口（批量 POST JSON）/ upstream HTTPS endpoint",
    }),
    name: SinkName,
    url: Type.String({
      pattern: "^https?://",
      description: "接收地址，如 https://platform.example.cn/api/records / endpoint URL",
    }),
    token: Type.Optional(
      Type.String({ minLength: 1, description: "Bearer 令牌 / bearer token (Authorization header)" }),
    ),
    headers: Type.Record(Type.String({ minLength: 1 }), Type.String(), {
      default: {},
      description: "附加请求头 / extra request headers",
    }),
    ca: Type.Optional(
      Type.String({
        minLength: 1,
        description: "CA 证书文件（PEM，自签名时用）/ CA file (PEM) for a private CA",
      }),
    ),
    format: Type.Union([Type.Literal("station"), Type.Literal("epcis")], {
      default: "station",
      description:
        "载荷格式：station 为站点自有 JSON（每条记录，见 uplink-record-v1.schema.json），epcis 为 GS1 EPCIS 2.0 JSON-LD 事件 / payload: station (own versioned JSON per record) or epcis (GS1 EPCIS 2.0 JSON-LD events)",
    }),
    batchSize: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 200,
      description: "每次 POST 的记录数 / records per POST",
    }),
    timeoutMs: Type.Integer({
      minimum: 100,
      maximum: 300000,
      default: 15000,
      description: "请求超时毫秒，超时按暂时失败重试 / request timeout, ms (retried)",
    }),
  },
  { additionalProperties: false },
);

export const BackoffSection = Type.Object(
  {
    initialMs: Type.Integer({
      minimum: 10,
      maximum: 600000,
      default: 1000,
      description: "首次重试前等待毫秒 / first retry delay, ms",
    }),
    maxMs: Type.Integer({
      minimum: 10,
      maximum: 3600000,
      default: 60000,
      description: "重试等待上限毫秒 / longest retry delay, ms",
    }),
    factor: Type.Number({
      minimum: 1,
      maximum: 10,
      default: 2,
      description: "每次失败后等待时间的倍数 / growth factor per failure",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const RetentionSection = Type.Object(
  {
    readings: Type.Union([Type.Literal("keep"), Type.Literal("rollup"), Type.Literal("drop")], {
      default: "keep",
      description:
        "断网很久时未上传的原始读数：keep 全部保留，rollup 合并为小时汇总，drop 删除；批次、包装、合格证、投入品和检测记录永不删除 / undelivered raw readings during a long outage: keep, rollup (hourly summaries) or drop; batches, packages, certificates, inputs and tests are never dropped",
    }),
    maxAgeHours: Type.Integer({
      minimum: 1,
      maximum: 87600,
      default: 168,
      description:
        "未上传读数超过多少小时才合并或删除 / age in hours after which undelivered readings are reduced",
    }),
    intervalMs: Type.Integer({
      minimum: 1000,
      maximum: 86400000,
      default: 600000,
      description: "检查间隔毫秒 / how often the policy runs, ms",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const UplinkSection = Type.Object(
  {
    sinks: Type.Array(Type.Union([MqttSinkSection, HttpsSinkSection]), {
      default: [],
      description: "上传通道，可同时配置多个 / upstream sinks; several may run at once",
    }),
    backoff: BackoffSection,
    retention: RetentionSection,
  },
  { additionalProperties: false, default: {} },
);

export type UplinkConfig = Static<typeof UplinkSection>;
export type MqttSinkConfig = Static<typeof MqttSinkSection>;
export type HttpsSinkConfig = Static<typeof HttpsSinkSection>;
export type SinkConfig = MqttSinkConfig | HttpsSinkConfig;
export type BackoffConfig = Static<typeof BackoffSection>;
export type RetentionConfig = Static<typeof RetentionSection>;
