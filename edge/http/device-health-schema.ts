import { type TSchema, Type } from "@sinclair/typebox";

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = Type.Object({ zh: Type.String(), en: Type.String() });

/** A device's current problem: code, what it means and what to do (catalogue entry), what was seen. */
export const DeviceProblemSchema = Type.Object({
  code: Type.String(),
  title: Text,
  remedy: Text,
  detail: Type.Union([Type.String(), Type.Null()]),
});

/** A printer's part of its health record (drivers/device-health.ts `PrinterHealthDetail`). */
const PrinterHealthSchema = Type.Object({
  language: Type.String({ description: "escpos | tspl | preview" }),
  state: Type.Union(
    ["ready", "no-status", "paper-out", "cover-open", "offline", "unreachable", "unknown"].map((s) =>
      Type.Literal(s),
    ),
    { description: "打印机最后一次的状态 / what the printer said last" },
  ),
  lastCheckAt: Nullable(
    Type.Integer({ description: "最后一次任务或状态检查 / last job or status check (epoch ms)" }),
  ),
  jobsDone: Type.Integer(),
  jobsFailed: Type.Integer(),
  jobsQueued: Type.Integer(),
  jobsNeedConfirmation: Type.Integer(),
});

/** The wire form of drivers/device-health.ts `DeviceHealth` (response schema: fields not listed are dropped). */
export const DeviceHealthSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: "scale | modbus-sensor | scanner | printer" }),
    port: Type.String({
      description:
        "串口路径、tcp://主机:端口 或打印机设备文件 / serial path, tcp://host:port or printer device",
    }),
    line: Type.Union([Type.String(), Type.Null()], { description: "线路设置，如 9600 8N1 / line settings" }),
    online: Type.Boolean({ description: "连接正常且在工作 / link up and working" }),
    link: Type.Union([Type.Literal("up"), Type.Literal("down"), Type.Literal("unknown")], {
      description: "unknown：打印机尚未检查过 / a printer not checked yet",
    }),
    linkSince: Nullable(Type.Integer()),
    receiving: Type.Boolean({ description: "正在收到有效帧 / frames arriving" }),
    silentSince: Nullable(Type.Integer({ description: "从何时起没有有效帧 / no frame since (epoch ms)" })),
    lastFrameAt: Nullable(Type.Integer()),
    framesDecoded: Type.Integer(),
    bytesDiscarded: Type.Integer(),
    checksumErrors: Type.Integer(),
    reconnects: Type.Integer(),
    problem: Type.Union([DeviceProblemSchema, Type.Null()]),
    modbus: Type.Union([
      Type.Object({
        bus: Type.String(),
        answerRate: Nullable(Type.Number({ description: "最近应答率 0..1 / recent answer rate" })),
        timeouts: Type.Integer(),
        lastTimeoutAt: Nullable(Type.Integer()),
        retryMs: Nullable(Type.Integer({ description: "当前重试间隔 / current retry interval" })),
        dead: Type.Boolean(),
      }),
      Type.Null(),
    ]),
    printer: Type.Union([PrinterHealthSchema, Type.Null()]),
  },
  { description: "站内驱动设备（含打印机）的健康状态 / health of a station-driven device or printer" },
);
