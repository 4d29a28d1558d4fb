import { type Static, Type } from "@sinclair/typebox";

const TcpLink = Type.Object(
  {
    type: Type.Literal("tcp"),
    host: Type.String({ minLength: 1, description: "打印机 IP 地址或主机名 / printer address" }),
    port: Type.Integer({
      minimum: 1,
      maximum: 65535,
      default: 9100,
      description: "端口，通常 9100 / raw port",
    }),
  },
  { additionalProperties: false },
);
const DeviceLink = Type.Object(
  {
    type: Type.Literal("device"),
    path: Type.String({ minLength: 1, description: "设备文件，如 /dev/usb/lp0 / device file" }),
  },
  { additionalProperties: false },
);
const SerialLink = Type.Object(
  {
    type: Type.Literal("serial"),
    path: Type.String({ minLength: 1, description: "串口，如 /dev/ttyUSB0 / serial port" }),
    baudRate: Type.Integer({
      minimum: 1200,
      maximum: 921600,
      default: 9600,
      description: "波特率 / baud rate",
    }),
    dataBits: Type.Union([Type.Literal(7), Type.Literal(8)], {
      default: 8,
      description: "数据位 / data bits",
    }),
    parity: Type.Union([Type.Literal("none"), Type.Literal("even"), Type.Literal("odd")], {
      default: "none",
      description: "校验 / parity",
    }),
    stopBits: Type.Union([Type.Literal(1), Type.Literal(2)], {
      default: 1,
      description: "停止位 / stop bits",
    }),
  },
  { additionalProperties: false },
);

export const PrinterSchema = Type.Object(
  {
    name: Type.String({ pattern: "^[a-zA-Z0-9_-]{1,32}$", description: "打印机名称（英文）/ printer name" }),
    kind: Type.Union([Type.Literal("escpos"), Type.Literal("tspl"), Type.Literal("preview")], {
      description:
        "escpos 小票机；tspl 标签机；preview 只写 PNG 预览 / receipt, label printer or preview files",
    }),
    transport: Type.Optional(
      Type.Union([TcpLink, DeviceLink, SerialLink], {
        description: "连接方式（preview 不需要）/ link (not for preview)",
      }),
    ),
    use: Type.Array(
      Type.Union([Type.Literal("package"), Type.Literal("certificate"), Type.Literal("test")]),
      {
        default: ["package", "certificate", "test"],
        description:
          "打印哪些内容：package 包装标签、certificate 合格证、test 测试页 / what this printer prints",
      },
    ),
    dpi: Type.Integer({
      minimum: 150,
      maximum: 600,
      default: 203,
      description: "分辨率 / resolution, dots per inch",
    }),
    packageTemplate: Type.String({
      default: "package-60x40",
      description: "包装标签模板 / package label template",
    }),
    certificateTemplate: Type.String({
      default: "cert-100x70",
      description:
        "合格证模板：cert-100x70、cert-80x60、cert-50x30、cert-receipt-58、cert-receipt-80 / certificate template",
    }),
    gapMm: Type.Number({
      minimum: 0,
      maximum: 20,
      default: 2,
      description: "标签间隙 mm（TSPL）/ label gap, mm",
    }),
    direction: Type.Union([Type.Literal(0), Type.Literal(1)], {
      default: 1,
      description: "出纸方向（TSPL DIRECTION）/ print direction",
    }),
    escposMode: Type.Union([Type.Literal("text"), Type.Literal("raster")], {
      default: "text",
      description:
        "text 用打印机中文字库；raster 整张标签作图片（无中文字库的机器）/ text or whole-label image",
    }),
    qr: Type.Union([Type.Literal("native"), Type.Literal("raster")], {
      default: "native",
      description: "二维码：native 用 GS ( k 指令；raster 作图片 / QR by printer command or as image",
    }),
    kanjiMode: Type.Boolean({
      default: true,
      description: "先发送 FS & 进入汉字模式（部分机器开机为英文模式）/ send FS & first",
    }),
    cut: Type.Boolean({ default: false, description: "打印后切纸 / cut after each label" }),
    statusQuery: Type.Boolean({
      default: true,
      description: "发送前后查询打印机状态（缺纸时暂停）/ ask for paper status before and after each job",
    }),
    statusTimeoutMs: Type.Integer({
      minimum: 50,
      maximum: 600000,
      default: 1500,
      description: "等待状态应答的毫秒数 / how long to wait for a status answer, ms",
    }),
    connectTimeoutMs: Type.Integer({
      minimum: 100,
      maximum: 60000,
      default: 3000,
      description: "连接超时 ms",
    }),
    retryMs: Type.Integer({
      minimum: 100,
      maximum: 600000,
      default: 5000,
      description: "缺纸或连不上时多久重试 / retry interval while held, ms",
    }),
    healthCheckMs: Type.Integer({
      minimum: 0,
      maximum: 3600000,
      default: 30000,
      description:
        "空闲多久后查一次打印机状态（设备页、/metrics、doctor 用；0 = 只看任务结果）/ status check after this long idle, ms (0 = learn from jobs only)",
    }),
  },
  { additionalProperties: false },
);

export type PrinterConfig = Static<typeof PrinterSchema>;

export const PrintersSection = Type.Array(PrinterSchema, {
  default: [],
  description:
    "打印机列表；为空且 demo.enabled 时使用预览打印机（写入 数据目录/previews）/ printers; empty with demo on: a preview printer. " +
    "例 / e.g. [{name: label1, kind: tspl, transport: {type: tcp, host: 192.168.1.50}}, {name: receipt, kind: escpos, certificateTemplate: cert-receipt-80, transport: {type: device, path: /dev/usb/lp0}}]",
});

export const LabelsSection = Type.Object(
  {
    stationName: Type.Optional(
      Type.String({ maxLength: 40, description: "标签上的站点名称（默认 station.name）/ name on labels" }),
    ),
    logoLine: Type.String({ maxLength: 40, default: "", description: "标识行，如“绿色食品” / logo line" }),
    hiddenFields: Type.Array(Type.String(), {
      default: [],
      description: "不打印的字段，如 [origin, grade] / fields never printed",
    }),
    templatesDir: Type.Optional(
      Type.String({
        minLength: 1,
        description: "自定义模板目录，同名覆盖内置模板 / own templates, override by id",
      }),
    ),
    fontFile: Type.Optional(
      Type.String({
        minLength: 1,
        description: "中文字体文件（TTF/OTF/TTC），预览与图片打印用 / CJK font file",
      }),
    ),
    qr: Type.Object(
      {
        baseUrl: Type.String({
          pattern: "^https?://[\\x21-\\x7e]+$",
          default: "http://trace-station.local:8080",
          description: "扫码打开的网址前缀（ASCII）/ base URL phones open",
        }),
        reachNote: Type.Optional(
          Type.String({
            minLength: 1,
            maxLength: 200,
            description:
              "baseUrl 是内网或 .local 地址时写明手机为何能打开（如“只在车间 Wi-Fi 内扫码”），doctor 才不提醒 / why phones can open a private or .local baseUrl; silences doctor's warning",
          }),
        ),
        urlTemplate: Type.String({
          default: "{baseUrl}/t/{code}",
          description: "二维码网址模板：{baseUrl} {code} {lot} {serial} / QR URL template",
        }),
        gs1Template: Type.String({
          default: "{baseUrl}/01/{gtin}/10/{lot}/21/{serial}",
          description: "有 GTIN 时的 GS1 数字链接模板 / GS1 Digital Link template when a GTIN is set",
        }),
        useGtin: Type.Boolean({
          default: true,
          description: "产品有 GTIN 时用 GS1 数字链接 / use GS1 Digital Link when the product has a GTIN",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    commitment: Type.Object(
      {
        producer: Type.String({
          default:
            "我承诺对产品质量安全以及合格证真实性负责：不使用禁用农药兽药、停用兽药和非法添加物；常规农药兽药残留不超标。",
          description: "生产者承诺文字（合格证未存承诺时用）/ producer commitment text",
        }),
        buyer: Type.String({
          default:
            "我承诺对产品质量安全以及合格证真实性负责：已收取并留存上游合格证；未使用非法添加的保鲜剂、防腐剂和添加剂。",
          description: "收购者承诺文字 / buyer commitment text",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type LabelsConfig = Static<typeof LabelsSection>;
