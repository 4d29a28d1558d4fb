import { type Static, Type } from "@sinclair/typebox";
import { MqttSection } from "../../broker/config-schema.js";
import { DriversSection } from "../../drivers/config-schema.js";
import { AlarmsSection } from "../alarms/rule-schema.js";
import { Port } from "../core/port-schema.js";
import { DomainSection } from "../domain/config-schema.js";
import { KioskSection } from "../http/kiosk-config-schema.js";
import { LivestockSection } from "../livestock/livestock-config-schema.js";
import { OpsSection } from "../ops/ops-config-schema.js";
import { LinesSection } from "../packing-line/line-config-schema.js";
import { LabelsSection, PrintersSection } from "../printing/printing-config-schema.js";
import { StoreSection } from "../store/store-config-schema.js";
import { UplinkSection } from "../uplink/config-schema.js";

/**
 * The single source of the configuration: its type, defaults, validation and field docs
 * (STYLE.md §5). `trace-station init` writes the commented example from the descriptions
 * here, and errors quote them as the remedy. Component sections live beside their component
 * and are composed below with one line each.
 */

export const CONFIG_VERSION = 1;

export const StationSection = Type.Object(
  {
    code: Type.String({
      pattern: "^[A-Z0-9]{2,6}$",
      default: "ST01",
      description:
        "站点代码，2–6 位大写字母或数字，用于批次码（批次码须不超过 GS1 AI 10 的 20 个字符）/ station code (2–6 of A-Z 0-9), part of every lot code (lots stay within GS1 AI 10, 20 characters)",
    }),
    name: Type.String({
      minLength: 1,
      maxLength: 64,
      default: "示范追溯站",
      description: "站点名称，显示在屏幕和标签上 / station name shown on screen and labels",
    }),
    // A zone the runtime does not know is refused by the cross-checks (edge/config/cross-checks.ts).
    timezone: Type.String({
      default: "Asia/Shanghai",
      description:
        "本地时区（IANA 名称，如 Asia/Shanghai），用于日期、批次码和未带时区的输入时间 / local IANA time zone (e.g. Asia/Shanghai) for dates, lot codes and times typed without an offset",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const LogSection = Type.Object(
  {
    level: Type.Union(
      ["fatal", "error", "warn", "info", "debug", "trace", "silent"].map((l) => Type.Literal(l)),
      {
        default: "info",
        description: "日志级别 / log level: fatal, error, warn, info, debug, trace, silent",
      },
    ),
  },
  { additionalProperties: false, default: {} },
);

export const IntakeSection = Type.Object(
  {
    commitMaxMessages: Type.Integer({
      minimum: 1,
      maximum: 100000,
      default: 2000,
      description: "一次事务最多提交的消息数 / most messages committed in one transaction",
    }),
    commitMaxDelayMs: Type.Integer({
      minimum: 0,
      maximum: 1000,
      default: 4,
      description:
        "称重、扫码、投入品、检测等有人等待的消息最多等待多少毫秒再提交 / longest wait before a commit of a weight, scan, input or test, ms",
    }),
    readingWindowMs: Type.Integer({
      minimum: 0,
      maximum: 10000,
      // About a second (issue 16): one commit serves a whole round of 1 s sensors. A device
      // sending faster, or sending its backlog one PUBACK at a time, is not held to one message
      // per window (edge/intake/intake.ts).
      default: 1000,
      description:
        "传感器读数最多等待多少毫秒再提交：一次提交服务整个窗口的读数，减少 SD 卡写入（确认仍在落盘之后）/ longest wait of a sensor reading before its commit, ms: one commit serves the whole window, sparing the SD card (the PUBACK still follows the commit)",
    }),
    readingBatch: Type.Integer({
      minimum: 1,
      maximum: 100000,
      default: 256,
      description:
        "等待的消息达到此数即提交，不等窗口结束（繁忙时）/ this many waiting messages commit without waiting for the window (a busy station)",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const HttpSection = Type.Object(
  {
    host: Type.String({
      default: "0.0.0.0",
      description:
        "HTTP 监听地址；只在本机用时填 127.0.0.1 / address the HTTP server binds (127.0.0.1 for local only)",
    }),
    port: Port(8080, "HTTP 端口（操作屏和追溯页）/ HTTP port (kiosk and trace page)"),
  },
  { additionalProperties: false, default: {} },
);

export const DemoSection = Type.Object(
  {
    enabled: Type.Boolean({
      default: true,
      description:
        "没有配置硬件时启用演示秤和预览打印机 / run a demo scale and a preview printer when no hardware is configured",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const ConfigSchema = Type.Object(
  {
    version: Type.Integer({
      minimum: 1,
      default: CONFIG_VERSION,
      description: "配置文件格式版本 / config file format version",
    }),
    dataDir: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "数据目录（数据库、预览）；默认 ./data，systemd 下为 /var/lib/trace-station / data directory",
      }),
    ),
    station: StationSection,
    log: LogSection,
    mqtt: MqttSection,
    intake: IntakeSection,
    store: StoreSection,
    http: HttpSection,
    kiosk: KioskSection,
    demo: DemoSection,
    domain: DomainSection,
    drivers: DriversSection,
    ops: OpsSection,
    printers: PrintersSection,
    labels: LabelsSection,
    lines: LinesSection,
    uplink: UplinkSection,
    alarms: AlarmsSection,
    livestock: LivestockSection,
  },
  { additionalProperties: false },
);

export type StationConfig = Static<typeof ConfigSchema>;
