import { accessSync, constants, existsSync, statSync } from "node:fs";
import { loadModels } from "../../drivers/modbus/model-loader.js";
import { BUILTIN_TEMPLATES_DIR, loadTemplates } from "../../labels/template.js";
import { isStationError } from "../core/station-error.js";
import { linePrinterProblems } from "../packing-line/line-config-checks.js";
import { effectivePrinters } from "../printing/effective-printers.js";
import type { ConfigProblem } from "./load.js";
import type { StationConfig } from "./schema.js";

/**
 * Checks the schema cannot express: between fields (ids, ports, templates a printer names) and
 * against the machine (files that must exist, the time zone database). They run in config
 * loading, before any component is built (DESIGN.md "Layers"), so a mistake here is listed
 * with the others and the station exits 78 instead of failing half-started.
 *
 * They also run when the schema found problems: each check guards itself, and a section the
 * schema already refused is skipped rather than reported twice.
 */
export function crossCheckConfig(config: StationConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const check of CHECKS) {
    try {
      problems.push(...check(config));
    } catch {
      // The section is malformed; the schema's own problem for it is already in the list.
    }
  }
  return problems;
}

type Check = (config: StationConfig) => ConfigProblem[];

/** A zone the runtime's ICU does not know makes every local date throw (RangeError) later. */
function timeZone(config: StationConfig): ConfigProblem[] {
  const zone = config.station.timezone;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return [];
  } catch {
    return [
      {
        path: "/station/timezone",
        message: `未知时区 / unknown time zone "${zone}"`,
        remedy:
          "填 IANA 时区名，中国一般为 Asia/Shanghai（新疆可用 Asia/Urumqi）/ an IANA zone name, e.g. Asia/Shanghai",
      },
    ];
  }
}

/** Two listeners on one port: the second would fail to bind after the first had started. */
function ports(config: StationConfig): ConfigProblem[] {
  const listeners: Array<{ path: string; port: number }> = [
    { path: "/mqtt/port", port: config.mqtt.port },
    ...(config.mqtt.tls ? [{ path: "/mqtt/tls/port", port: config.mqtt.tls.port }] : []),
    { path: "/http/port", port: config.http.port },
  ];
  const problems: ConfigProblem[] = [];
  const seen = new Map<number, string>();
  for (const { path, port } of listeners) {
    if (port === 0) continue; // any free port: never a clash
    const first = seen.get(port);
    if (first) {
      problems.push({
        path,
        message: `端口 ${port} 已用于 ${first} / port ${port} is already ${first}`,
        remedy: "每个监听端口只能用一次，改成另一个端口 / give each listener its own port",
      });
    } else seen.set(port, path);
  }
  return problems;
}

/** One device id per topic, one driver per serial line (drivers/README.md). */
function driverIds(config: StationConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = new Map<string, string>();
  const serialPaths = new Map<string, string>();
  const claim = (seen: Map<string, string>, value: string, path: string, what: string) => {
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, path);
      return;
    }
    problems.push({
      path,
      message: `${what} "${value}" 重复，已用于 ${first} / ${what} "${value}" is also used at ${first}`,
      remedy:
        what === "设备编号 / device id"
          ? "每个设备编号只能出现一次：改名或删除重复项 / each device id once: rename or remove the duplicate"
          : "一个串口只能接一个驱动；同一 RS-485 总线上的多个传感器写在同一个 modbus 项的 sensors 里 / one driver per serial port; sensors sharing an RS-485 bus go under one modbus entry",
    });
  };
  const d = config.drivers;
  const id = "设备编号 / device id";
  const port = "串口 / serial path";
  d.scales.forEach((s, i) => {
    claim(ids, s.id, `/drivers/scales/${i}/id`, id);
    claim(serialPaths, s.serial.path, `/drivers/scales/${i}/serial/path`, port);
  });
  d.modbus.forEach((bus, i) => {
    claim(serialPaths, bus.serial.path, `/drivers/modbus/${i}/serial/path`, port);
    bus.sensors.forEach((s, j) => {
      claim(ids, s.id, `/drivers/modbus/${i}/sensors/${j}/id`, id);
    });
  });
  d.scanners.forEach((s, i) => {
    claim(ids, s.id, `/drivers/scanners/${i}/id`, id);
    claim(serialPaths, s.serial.path, `/drivers/scanners/${i}/serial/path`, port);
  });
  return problems;
}

/** Every Modbus sensor names a register map the station has (shipped or in modelsDir). */
function modbusModels(config: StationConfig): ConfigProblem[] {
  const d = config.drivers;
  if (d.modbus.length === 0) return [];
  if (d.modelsDir !== undefined && !isDirectory(d.modelsDir)) {
    return [missingDir("/drivers/modelsDir", d.modelsDir)];
  }
  let models: Map<string, unknown>;
  try {
    models = loadModels(d.modelsDir);
  } catch (err) {
    return [{ path: "/drivers/modelsDir", message: messageOf(err), remedy: remedyOf(err) }];
  }
  const problems: ConfigProblem[] = [];
  d.modbus.forEach((bus, i) => {
    bus.sensors.forEach((s, j) => {
      if (models.has(s.model)) return;
      problems.push({
        path: `/drivers/modbus/${i}/sensors/${j}/model`,
        message: `未知的传感器型号 / unknown sensor model "${s.model}"`,
        remedy: `可用 / known: ${[...models.keys()].join(", ")}；或把寄存器表放进 drivers.modelsDir / or add its register map to drivers.modelsDir`,
      });
    });
  });
  return problems;
}

/** Printer names are unique, a real printer has a link, and its templates exist. */
function printers(config: StationConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const dir = config.labels.templatesDir;
  if (dir !== undefined && !isDirectory(dir)) problems.push(missingDir("/labels/templatesDir", dir));
  let templates: Map<string, { kind: string }> | undefined;
  try {
    const usable = dir !== undefined && isDirectory(dir) ? [dir] : [];
    templates = loadTemplates([BUILTIN_TEMPLATES_DIR, ...usable]);
  } catch (err) {
    problems.push({ path: "/labels/templatesDir", message: messageOf(err), remedy: remedyOf(err) });
  }
  const names = new Map<string, number>();
  effectivePrinters(config).forEach((printer, i) => {
    const at = `/printers/${i}`;
    const first = names.get(printer.name);
    if (first !== undefined) {
      problems.push({
        path: `${at}/name`,
        message: `打印机名称 "${printer.name}" 与 /printers/${first} 重复 / duplicate printer name`,
        remedy: "每台打印机起不同的名字 / give each printer its own name",
      });
    } else names.set(printer.name, i);
    if (printer.kind !== "preview" && !printer.transport) {
      problems.push({
        path: `${at}/transport`,
        message: `打印机 ${printer.name} 没有连接方式 / printer has no transport`,
        remedy:
          "加 transport：{type: tcp, host: 192.168.1.50} 或 {type: device, path: /dev/usb/lp0} 或 {type: serial, path: ...} / add a transport",
      });
    }
    if (!templates) return;
    const wanted: Array<["package" | "certificate", string, string]> = [
      ["package", printer.packageTemplate, "packageTemplate"],
      ["certificate", printer.certificateTemplate, "certificateTemplate"],
    ];
    for (const [kind, id, field] of wanted) {
      if (!printer.use.includes(kind)) continue;
      const t = templates.get(id);
      if (t && t.kind === kind) continue;
      const known = [...templates].filter(([, v]) => v.kind === kind).map(([k]) => k);
      problems.push({
        path: `${at}/${field}`,
        message: `没有${kind === "package" ? "包装标签" : "合格证"}模板 "${id}" / no ${kind} template "${id}"`,
        remedy: `可用 / known: ${known.join(", ")}`,
      });
    }
  });
  return problems;
}

/** Placeholders the QR templates may use (labels/qr-url.ts); an unknown one fails every print. */
function qrTemplates(config: StationConfig): ConfigProblem[] {
  const qr = config.labels.qr;
  const problems: ConfigProblem[] = [];
  const allowed = ["baseUrl", "code", "lot", "serial", "gtin"];
  for (const [field, template] of [
    ["urlTemplate", qr.urlTemplate],
    ["gs1Template", qr.gs1Template],
  ] as const) {
    const unknown = [...template.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1] ?? "")
      .filter((name) => !allowed.includes(name));
    if (unknown.length > 0) {
      problems.push({
        path: `/labels/qr/${field}`,
        message: `未知占位符 / unknown placeholder: ${unknown.map((n) => `{${n}}`).join(" ")}`,
        remedy: `可用 / allowed: ${allowed.map((n) => `{${n}}`).join(" ")}`,
      });
    }
  }
  return problems;
}

/** Files the station reads at start: a wrong path is listed now, not as a TLS failure later. */
function files(config: StationConfig): ConfigProblem[] {
  const wanted: Array<[string, string | undefined]> = [
    ["/mqtt/tls/cert", config.mqtt.tls?.cert],
    ["/mqtt/tls/key", config.mqtt.tls?.key],
    ["/mqtt/tls/ca", config.mqtt.tls?.ca],
    ["/labels/fontFile", config.labels.fontFile],
  ];
  config.uplink.sinks.forEach((sink, i) => {
    wanted.push([`/uplink/sinks/${i}/ca`, sink.ca]);
    if (sink.type === "mqtt") {
      wanted.push([`/uplink/sinks/${i}/cert`, sink.cert], [`/uplink/sinks/${i}/key`, sink.key]);
    }
  });
  const problems: ConfigProblem[] = [];
  for (const [path, file] of wanted) {
    if (file === undefined) continue;
    const why = unreadable(file);
    if (why) {
      problems.push({
        path,
        message: `无法读取文件 / cannot read ${file}: ${why}`,
        remedy:
          "检查路径拼写，并确认服务用户可读（sudo -u trace-station cat 文件）/ fix the path and make it readable by the service user",
      });
    }
  }
  return problems;
}

/** Sink names key delivery state (edge/uplink/README.md): two sinks cannot share one. */
function sinkNames(config: StationConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  config.uplink.sinks.forEach((sink, i) => {
    const first = seen.get(sink.name);
    if (first === undefined) seen.set(sink.name, i);
    else
      problems.push({
        path: `/uplink/sinks/${i}/name`,
        message: `上传通道名称 "${sink.name}" 与 /uplink/sinks/${first} 重复 / duplicate sink name`,
        remedy:
          "每个通道起不同的名字；改名会让该通道从头重新上传 / give each sink its own name (renaming restarts its delivery)",
      });
  });
  return problems;
}

const CHECKS: readonly Check[] = [
  timeZone,
  ports,
  driverIds,
  modbusModels,
  printers,
  qrTemplates,
  files,
  sinkNames,
  linePrinterProblems,
];

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function missingDir(path: string, dir: string): ConfigProblem {
  return {
    path,
    message: `目录不存在 / no such directory: ${dir}`,
    remedy:
      "填已存在的目录的绝对路径，或删掉这一项 / an existing directory (absolute path), or remove the key",
  };
}

function unreadable(file: string): string | undefined {
  if (!existsSync(file)) return "不存在 / does not exist";
  try {
    if (statSync(file).isDirectory()) return "是目录 / is a directory";
    accessSync(file, constants.R_OK);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? "unreadable";
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function remedyOf(err: unknown): string {
  return isStationError(err)
    ? err.remedy
    : "检查该目录中的 JSON 文件 / check the JSON files in that directory";
}
