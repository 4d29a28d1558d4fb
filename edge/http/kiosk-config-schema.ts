import { type Static, Type } from "@sinclair/typebox";

/**
 * The kiosk and the API's access rules. Secrets are never stored in plain text: the config
 * holds scrypt hashes (`trace-station` prints a hash for a chosen PIN), or, when they are
 * absent, the station generates a PIN and an admin token into the data directory on first
 * start and prints them once.
 */
export const KioskSection = Type.Object(
  {
    pinHash: Type.Optional(
      Type.String({
        pattern: "^scrypt\\$",
        description:
          "操作员 PIN 的 scrypt 哈希；不填则首次启动时生成并打印一次 / scrypt hash of the workers' kiosk PIN; generated and printed once on first start when absent",
      }),
    ),
    adminTokenHash: Type.Optional(
      Type.String({
        pattern: "^scrypt\\$",
        description:
          "技术员管理令牌的 scrypt 哈希；不填则首次启动时生成 / scrypt hash of the technicians' admin token; generated on first start when absent",
      }),
    ),
    autoPrint: Type.Boolean({
      default: false,
      description:
        "称重稳定后自动打印包装标签（操作屏上可切换）/ print a package label on every stable weight by default (switchable on the kiosk)",
    }),
    language: Type.Union([Type.Literal("zh"), Type.Literal("en")], {
      default: "zh",
      description: "操作屏默认语言 zh 或 en / kiosk default language, zh or en",
    }),
    pinLockoutAttempts: Type.Integer({
      minimum: 3,
      maximum: 100,
      default: 10,
      description:
        "全站连续输错 PIN 多少次后锁定（1 分钟起，每次加倍，最长 30 分钟）/ wrong PIN attempts, station-wide, before sign-in locks (1 min, doubling, up to 30 min)",
    }),
    idleSignOutS: Type.Integer({
      minimum: 2,
      maximum: 86_400,
      default: 300,
      description:
        "操作员登录后空闲多少秒自动退出（服务器端结束会话）/ seconds without use after which a signed-in operator is signed out (the server ends the session)",
    }),
    listsNeedPin: Type.Boolean({
      default: false,
      description:
        "列表（批次、投入品、检测、打印记录等）必须带 PIN 才能读取；false 时未登录也可读，但去掉操作员姓名和备注 / lists (batches, inputs, tests, print jobs …) need the PIN; when false they are readable before sign-in with operator names and notes removed",
    }),
  },
  { additionalProperties: false, default: {} },
);

export type KioskConfig = Static<typeof KioskSection>;
