import { type Static, Type } from "@sinclair/typebox";
import { DEVICE_ID_PATTERN } from "../edge/core/device-identity.js";
import { ModbusIndicatorSection } from "./scale/modbus-indicator-schema.js";
import { SCALE_PROTOCOL_IDS } from "./scale/protocols/types.js";

/**
 * The `drivers` section: serial scales, Modbus RTU buses with their sensors, serial scanners.
 * Every list is empty by default; with `demo.enabled` and no scale, a demo scale runs instead.
 */

const DeviceId = (what: string) =>
  Type.String({
    pattern: DEVICE_ID_PATTERN.source,
    description: `${what}设备编号，也是它的 MQTT 主题名 / ${what} device id (its topic name)`,
  });

const Site = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 64,
    description: "所在地块/棚/圈/塘编号（可选）/ site the device belongs to (optional)",
  }),
);

export const SerialSection = Type.Object(
  {
    path: Type.String({
      minLength: 1,
      description:
        "串口路径，推荐 /dev/serial/by-id/... 或 udev 规则起的名字（拔插后不变），不要用会变的 /dev/ttyUSB0；串口服务器（USR-TCP232 等，TCP 服务器模式、透明传输）或网络仪表写 tcp://主机:端口 / serial port path; prefer /dev/serial/by-id/... or a udev name, which survive replugging; a serial-over-TCP device server or network indicator is tcp://host:port",
    }),
    baudRate: Type.Optional(
      Type.Integer({
        minimum: 300,
        maximum: 921600,
        description: "波特率；不填按协议默认（多为 9600）/ baud rate; default per protocol (usually 9600)",
      }),
    ),
    dataBits: Type.Optional(
      Type.Union([Type.Literal(7), Type.Literal(8)], {
        description: "数据位 7 或 8；不填按协议默认（托利多 7）/ data bits; default per protocol (Toledo 7)",
      }),
    ),
    parity: Type.Optional(
      Type.Union([Type.Literal("none"), Type.Literal("even"), Type.Literal("odd")], {
        description: "校验位 none/even/odd；不填按协议默认 / parity; default per protocol",
      }),
    ),
    stopBits: Type.Optional(
      Type.Union([Type.Literal(1), Type.Literal(2)], {
        description: "停止位 1 或 2，默认 1 / stop bits, default 1",
      }),
    ),
  },
  { additionalProperties: false },
);

export const StabilitySection = Type.Object(
  {
    frames: Type.Integer({
      minimum: 2,
      maximum: 100,
      default: 5,
      description:
        "仪表不报稳定标志时：连续多少帧在一个分度内算稳定 / for protocols without a stability flag: frames within one division",
    }),
    windowMs: Type.Integer({
      minimum: 100,
      maximum: 10000,
      default: 800,
      description:
        "或持续多少毫秒（慢速仪表，先到为准）/ or this many ms (slow indicators), whichever comes first",
    }),
    divisionKg: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 100,
        description:
          "分度值（kg）；不填则按显示的重量推断（如 5 g 分度只显示 0.005 的倍数）/ division in kg; default inferred from the weights shown",
      }),
    ),
  },
  { additionalProperties: false, default: {} },
);

export const ScaleSection = Type.Object(
  {
    id: DeviceId("秤的"),
    site: Site,
    serial: SerialSection,
    protocol: Type.Union(
      [...SCALE_PROTOCOL_IDS, "modbus-indicator" as const].map((id) => Type.Literal(id)),
      {
        description: `仪表输出格式，见 drivers/README.md 对照表；modbus-indicator 需要 modbus 寄存器表 / indicator output format: ${SCALE_PROTOCOL_IDS.join(", ")}, or modbus-indicator with a modbus register map`,
      },
    ),
    modbus: Type.Optional(ModbusIndicatorSection),
    address: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 26,
        description:
          "耀华 tf=1 指令方式的仪表地址 1–26（A–Z）；同一条 RS-485 线上的几台仪表共用一个串口、地址各不相同 / Yaohua tf=1 indicator address 1–26; several indicators share one line with distinct addresses",
      }),
    ),
    pollIntervalMs: Type.Integer({
      minimum: 50,
      maximum: 10000,
      default: 200,
      description: "问答式协议（mt-sics）的查询间隔 ms / poll interval for polled protocols (mt-sics), ms",
    }),
    stability: StabilitySection,
    zeroBandKg: Type.Number({
      minimum: 0,
      maximum: 100,
      default: 0.02,
      description:
        "不超过此重量算空秤，取走货物后重新准备称下一件 / at or below this the pan is empty and re-arms",
    }),
    rearmDeltaKg: Type.Number({
      minimum: 0,
      maximum: 1000,
      default: 0.05,
      description:
        "稳定重量变化超过此值算新的一件 / a stable weight that moves more than this counts as a new placement",
    }),
    output: Type.Union([Type.Literal("continuous"), Type.Literal("demand")], {
      default: "continuous",
      description:
        "仪表输出方式：continuous 连续发送；demand 按打印键才发一帧（每帧即一次称重）/ continuous output, or demand (print-key) mode where each frame is one weighing",
    }),
    staleAfterMs: Type.Integer({
      minimum: 500,
      maximum: 60000,
      default: 3000,
      description:
        "连续输出的仪表多久没有数据就显示“无数据”并禁止打印 ms / continuous output: no frame for this long shows no data and disables printing, ms",
    }),
    removeFraction: Type.Number({
      minimum: 0.05,
      maximum: 0.95,
      default: 0.5,
      description:
        "重量跌到上次稳定重量的这个比例以下算已取走（不必回零，换箱也算两件）/ a drop below this fraction of the last stable weight counts as taken off",
    }),
    liveIntervalMs: Type.Integer({
      minimum: 200,
      maximum: 10000,
      default: 250,
      description: "实时重量推送间隔（≥200 ms，即 ≤5 次/秒）/ live weight interval (≥200 ms, at most 5 Hz)",
    }),
    silentAfterMs: Type.Integer({
      minimum: 1000,
      maximum: 600000,
      default: 5000,
      description:
        "端口已开但这么久没有有效帧即报告 DRIVER_SILENT 或 DRIVER_NO_FRAMES / report a silent or unreadable indicator after this many ms without a frame",
    }),
  },
  { additionalProperties: false },
);

export const ModbusSensorSection = Type.Object(
  {
    id: DeviceId("传感器"),
    site: Site,
    model: Type.String({
      minLength: 1,
      description:
        "寄存器表型号，即 drivers/modbus/models 下的文件名 / register map: a file name in drivers/modbus/models",
    }),
    address: Type.Integer({
      minimum: 1,
      maximum: 247,
      default: 1,
      description: "Modbus 从站地址 / slave address",
    }),
    pollIntervalMs: Type.Integer({
      minimum: 1000,
      maximum: 86_400_000,
      default: 60_000,
      description: "采集间隔 ms / reading interval, ms",
    }),
    timeoutMs: Type.Optional(
      Type.Integer({
        minimum: 50,
        maximum: 10000,
        description:
          "此传感器的应答超时 ms，不填用总线的 timeoutMs（慢的探头可单独放宽）/ this sensor's answer timeout; default the bus's",
      }),
    ),
  },
  { additionalProperties: false },
);

export const ModbusBusSection = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "总线名称（日志与状态用）/ bus name for logs and status",
    }),
    serial: SerialSection,
    timeoutMs: Type.Integer({
      minimum: 50,
      maximum: 10000,
      default: 500,
      description: "每次请求的应答超时 ms / per-request answer timeout, ms",
    }),
    gapMs: Type.Integer({
      minimum: 20,
      maximum: 1000,
      default: 80,
      description:
        "两帧之间的间隔 ms（RS-485 上建议 50–100）/ gap between frames on the bus, ms (50–100 advised)",
    }),
    echo: Type.Boolean({
      default: false,
      description:
        "RS-485 转换器把发出的请求原样收回时设为 true（状态里出现 DRIVER_MODBUS_ECHO 时）/ true for adapters that echo the request back (status shows DRIVER_MODBUS_ECHO)",
    }),
    retryMaxMs: Type.Integer({
      minimum: 1000,
      maximum: 3_600_000,
      default: 10_000,
      description:
        "不应答的传感器重试间隔逐次加倍，最长这么多 ms（不短于它的采集间隔）/ a sensor that does not answer is retried ever less often, at most this many ms apart (never below its poll interval)",
    }),
    sensors: Type.Array(ModbusSensorSection, {
      default: [],
      description: "此总线上的传感器 / sensors on this bus",
    }),
  },
  { additionalProperties: false },
);

export const ScannerSection = Type.Object(
  {
    id: DeviceId("扫码枪的"),
    site: Site,
    serial: SerialSection,
    encoding: Type.Union([Type.Literal("utf8"), Type.Literal("gbk"), Type.Literal("ascii")], {
      default: "utf8",
      description:
        "扫码枪发出的字符编码：utf8、gbk（国产扫码枪读中文二维码多为 GBK）或 ascii；不符合编码的字节拒收（DRIVER_SCAN_ENCODING），绝不存成乱码 / the scanner's text encoding; invalid bytes are refused, never stored as U+FFFD",
    }),
    idleTerminatorMs: Type.Optional(
      Type.Integer({
        minimum: 20,
        maximum: 5000,
        description:
          "扫码枪不发结束符时：这么多 ms 没有新字节就算一个码结束 / for scanners that send no terminator: a code ends after this many ms without a byte",
      }),
    ),
  },
  { additionalProperties: false },
);

export const RfidReaderSection = Type.Object(
  {
    id: DeviceId("电子耳标读卡器的"),
    site: Site,
    serial: SerialSection,
    repeatWindowMs: Type.Integer({
      minimum: 0,
      maximum: 60_000,
      default: 3000,
      description:
        "同一耳标在这么多 ms 内重复读到只算一次（读卡棒贴着耳标会连续读）/ the same tag read again within this many ms counts once (a stick held at the ear keeps reading)",
    }),
  },
  { additionalProperties: false },
);

export const DriversSection = Type.Object(
  {
    scales: Type.Array(ScaleSection, { default: [], description: "串口秤 / serial scales" }),
    modbus: Type.Array(ModbusBusSection, { default: [], description: "Modbus RTU 总线 / Modbus RTU buses" }),
    scanners: Type.Array(ScannerSection, {
      default: [],
      description: "串口（USB 虚拟串口）模式的扫码枪 / scanners in serial (USB virtual COM) mode",
    }),
    rfidReaders: Type.Array(RfidReaderSection, {
      default: [],
      description:
        "134.2 kHz 电子耳标读卡器（FDX-B/HDX，串口）/ 134.2 kHz animal tag readers (FDX-B/HDX) on serial ports",
    }),
    modelsDir: Type.Optional(
      Type.String({
        minLength: 1,
        description: "额外的传感器寄存器表目录（可选）/ extra directory of sensor register maps (optional)",
      }),
    ),
    reconnectMaxMs: Type.Integer({
      minimum: 100,
      maximum: 60000,
      default: 2000,
      description: "断线重连的最长等待 ms / longest wait between reconnect attempts, ms",
    }),
  },
  { additionalProperties: false, default: {} },
);

export type DriversConfig = Static<typeof DriversSection>;
export type ScaleConfig = Static<typeof ScaleSection>;
export type ModbusBusConfig = Static<typeof ModbusBusSection>;
export type ModbusSensorConfig = Static<typeof ModbusSensorSection>;
export type ScannerConfig = Static<typeof ScannerSection>;
export type RfidReaderConfig = Static<typeof RfidReaderSection>;
export type SerialConfig = Static<typeof SerialSection>;
