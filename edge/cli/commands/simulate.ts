import "../../../drivers/driver-codes.js";
import "../cli-codes.js";
import { deviceTopic } from "../../../broker/topics.js";
import { loadModels } from "../../../drivers/modbus/model-loader.js";
import { SCALE_PROTOCOLS } from "../../../drivers/scale/protocols/index.js";
import { SCALE_PROTOCOL_IDS, type ScaleProtocolId } from "../../../drivers/scale/protocols/types.js";
import { LINE_9600_8N1, serialSettings } from "../../../drivers/serial-defaults.js";
import { ModbusSlaveSimulator, type SimulatedSensor } from "../../../drivers/simulators/modbus-slave.js";
import { MqttSensorSimulator } from "../../../drivers/simulators/mqtt-sensor.js";
import { DEFAULT_SIMULATOR, ScaleSimulator } from "../../../drivers/simulators/scale-simulator.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { systemClock } from "../../core/clock.js";
import { StationError } from "../../core/station-error.js";
import { EXIT_OK } from "../command.js";
import type { OptionSpecs, OptionValues } from "../spec/command-spec.js";
import { defineCommand } from "../spec/define-command.js";

const options = {
  protocol: { type: "string", choices: SCALE_PROTOCOL_IDS, help: { zh: "秤的协议", en: "scale protocol" } },
  port: {
    type: "string",
    value: "PATH",
    help: { zh: "串口（如 socat 的 pty）", en: "serial port (e.g. a socat pty)" },
  },
  baud: { type: "string", value: "N", help: { zh: "波特率", en: "baud rate" } },
  garbage: { type: "boolean", default: false, help: { zh: "夹带乱码帧", en: "mix in garbage frames" } },
  noise: { type: "string", value: "KG", help: { zh: "读数抖动（千克）", en: "reading noise (kg)" } },
  min: { type: "string", value: "KG", help: { zh: "最小重量", en: "lowest weight" } },
  max: { type: "string", value: "KG", help: { zh: "最大重量", en: "highest weight" } },
  interval: { type: "string", value: "MS", help: { zh: "发送间隔（毫秒）", en: "interval (ms)" } },
  model: { type: "string", value: "M", help: { zh: "传感器型号", en: "sensor model" } },
  "models-dir": {
    type: "string",
    value: "DIR",
    help: { zh: "型号定义目录", en: "directory of model files" },
  },
  address: {
    type: "string",
    multiple: true,
    value: "N",
    help: { zh: "Modbus 从站地址（可多次，默认 1）", en: "Modbus slave address (repeatable, default 1)" },
  },
  mqtt: { type: "string", value: "URL", help: { zh: "站点的 MQTT 地址", en: "the station's MQTT URL" } },
  device: { type: "string", value: "ID", help: { zh: "设备编号", en: "device id" } },
  password: { type: "string", value: "PW", help: { zh: "设备密码", en: "device password" } },
  count: {
    type: "string",
    value: "N",
    help: { zh: "发送条数后退出（0 = 不限）", en: "exit after this many (0 = no limit)" },
  },
} as const satisfies OptionSpecs;

type Values = OptionValues<typeof options>;

const usageError = (why: string, usage: string) =>
  new StationError("CLI_USAGE", `${why}\n用法 / usage: ${usage}`);

function number(value: string | undefined, name: string, fallback: number, usage: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw usageError(`--${name} 须为非负数 / must be a non-negative number`, usage);
  return n;
}

/** Run until SIGINT/SIGTERM (or `until` resolves), then clean up. */
async function runUntilStopped(cleanup: () => Promise<void>, until?: Promise<void>): Promise<number> {
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    until?.then(stop, stop);
  });
  await cleanup();
  return EXIT_OK;
}

async function openPort(transport: SerialTransport): Promise<void> {
  try {
    await transport.open();
  } catch (err) {
    throw new StationError(
      "DRIVER_SIMULATOR_FAILED",
      `无法打开 ${transport.name} / cannot open: ${(err as Error).message}`,
      { port: transport.name },
    );
  }
}

async function scale(values: Values, usage: string): Promise<number> {
  const protocol: ScaleProtocolId | undefined = values.protocol;
  const port = values.port;
  if (!protocol)
    throw usageError(`--protocol 须为 / must be one of: ${SCALE_PROTOCOL_IDS.join(", ")}`, usage);
  if (!port) throw usageError("需要 --port / --port is required", usage);
  const p = SCALE_PROTOCOLS[protocol];
  const settings = serialSettings({ path: port }, p.serial);
  if (values.baud !== undefined) settings.baudRate = number(values.baud, "baud", 9600, usage);
  const transport = new SerialTransport(settings);
  await openPort(transport);
  const simulator = new ScaleSimulator(transport, systemClock, {
    ...DEFAULT_SIMULATOR,
    protocol: p,
    garbage: values.garbage,
    noiseKg: number(values.noise, "noise", DEFAULT_SIMULATOR.noiseKg, usage),
    minKg: number(values.min, "min", DEFAULT_SIMULATOR.minKg, usage),
    maxKg: number(values.max, "max", DEFAULT_SIMULATOR.maxKg, usage),
    frameIntervalMs: number(values.interval, "interval", DEFAULT_SIMULATOR.frameIntervalMs, usage),
  });
  simulator.start();
  process.stderr.write(
    `模拟秤 / simulated scale: ${protocol} → ${port}（${p.poll ? "问答式，等待 SI / polled, answering SI" : "连续发送 / streaming"}）；Ctrl-C 结束\n`,
  );
  return runUntilStopped(async () => {
    simulator.stop();
    await transport.close();
  });
}

async function modbusSensor(values: Values, usage: string): Promise<number> {
  const modelName = values.model;
  const port = values.port;
  if (!modelName || !port)
    throw usageError("需要 --model 和 --port / --model and --port are required", usage);
  const models = loadModels(values["models-dir"]);
  const model = models.get(modelName);
  if (!model) {
    throw new StationError(
      "DRIVER_MODEL_UNKNOWN",
      `未知型号 ${modelName} / unknown model; 可用 / known: ${[...models.keys()].join(", ")}`,
    );
  }
  const addresses = (values.address ?? ["1"]).map((a) => {
    const n = Number(a);
    if (!Number.isInteger(n) || n < 1 || n > 247)
      throw usageError("--address 须为 1–247 / must be 1–247", usage);
    return n;
  });
  const settings = serialSettings({ path: port }, LINE_9600_8N1);
  if (values.baud !== undefined) settings.baudRate = number(values.baud, "baud", 9600, usage);
  const transport = new SerialTransport(settings);
  await openPort(transport);
  const sensors = new Map<number, SimulatedSensor>(addresses.map((a) => [a, { model }]));
  new ModbusSlaveSimulator(transport, sensors);
  process.stderr.write(
    `模拟 Modbus 传感器 / simulated Modbus sensor: ${modelName} @ ${addresses.join(",")} on ${port}；Ctrl-C 结束\n`,
  );
  return runUntilStopped(() => transport.close());
}

async function mqttSensor(values: Values, usage: string): Promise<number> {
  const url = values.mqtt;
  const device = values.device;
  const password = values.password;
  if (!url || !device || !password)
    throw usageError("需要 --mqtt、--device、--password / all three are required", usage);
  const modelName = values.model ?? "air-th-rs485";
  const model = loadModels(values["models-dir"]).get(modelName);
  if (!model) throw new StationError("DRIVER_MODEL_UNKNOWN", `未知型号 / unknown model ${modelName}`);
  const metrics = Object.fromEntries(model.registers.map((r) => [r.metric, r.sample ?? 0]));
  const sensor = new MqttSensorSimulator({
    url,
    deviceId: device,
    password,
    metrics,
    random: Math.random,
    topic: (leaf) => deviceTopic(device, leaf),
  });
  try {
    await sensor.connect((reason) => process.stderr.write(`被拒绝 / refused: ${reason}\n`));
  } catch (err) {
    throw new StationError(
      "DRIVER_SIMULATOR_FAILED",
      `无法连接 ${url} / cannot connect: ${(err as Error).message}`,
    );
  }
  const interval = number(values.interval, "interval", 5000, usage);
  const count = number(values.count, "count", 0, usage);
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const tick = () => {
      sensor.publish().then((body) => {
        process.stdout.write(`${JSON.stringify(body)}\n`);
        sent++;
        if (count > 0 && sent >= count) resolve();
        else timer = setTimeout(tick, interval);
      }, reject);
    };
    tick();
  });
  return runUntilStopped(async () => {
    if (timer) clearTimeout(timer);
    await sensor.close();
  }, done);
}

/** Fake devices for trying wiring and the station without hardware. */
export const simulateCommand = defineCommand({
  name: "simulate",
  summary: {
    zh: "模拟秤、Modbus 传感器或 MQTT 传感器（无需硬件试接线）",
    en: "simulate a scale, a Modbus sensor or an MQTT sensor (try wiring without hardware)",
  },
  options,
  actions: {
    scale: {
      summary: { zh: "串口上的模拟秤", en: "a scale on a serial port" },
      options: ["protocol", "port", "baud", "garbage", "noise", "min", "max", "interval"],
      required: ["protocol", "port"],
    },
    "modbus-sensor": {
      summary: { zh: "串口上的 Modbus 传感器", en: "a Modbus sensor on a serial port" },
      options: ["model", "port", "address", "baud", "models-dir"],
      required: ["model", "port"],
    },
    sensor: {
      summary: { zh: "连到站点的 MQTT 传感器", en: "an MQTT sensor publishing to the station" },
      options: ["mqtt", "device", "password", "model", "interval", "count", "models-dir"],
      required: ["mqtt", "device", "password"],
    },
  },
  notes: [{ zh: "Ctrl-C（SIGINT/SIGTERM）结束", en: "ends on Ctrl-C (SIGINT/SIGTERM)" }],
  async run({ action, values, usage }) {
    if (action === "scale") return scale(values, usage);
    if (action === "modbus-sensor") return modbusSensor(values, usage);
    return mqttSensor(values, usage);
  },
});
