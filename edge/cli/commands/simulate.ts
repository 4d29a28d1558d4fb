import "../../../drivers/driver-codes.js";
import "../cli-codes.js";
import { deviceTopic } from "../../../broker/topics.js";
import { loadModels } from "../../../drivers/modbus/model-loader.js";
import { SCALE_PROTOCOLS } from "../../../drivers/scale/protocols/index.js";
import { SCALE_PROTOCOL_IDS, type ScaleProtocolId } from "../../../drivers/scale/protocols/types.js";
import { LINE_9600_8N1, serialSettings } from "../../../drivers/serial-defaults.js";
import { ModbusSlaveSimulator, type SimulatedSensor } from "../../../drivers/simulators/modbus-slave.js";
import { MqttSensorSimulator } from "../../../drivers/simulators/mqtt-sensor.js";
import {
  type RfidOutputFormat,
  RfidReaderSimulator,
} from "../../../drivers/simulators/rfid-reader-simulator.js";
import { DEFAULT_SIMULATOR, ScaleSimulator } from "../../../drivers/simulators/scale-simulator.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { systemClock } from "../../core/clock.js";
import { StationError } from "../../core/station-error.js";
import { type Command, EXIT_OK } from "../command.js";
import { parseCommandArgs } from "../context.js";

const usage = [
  "trace-station simulate scale --protocol P --port PATH [--baud N] [--garbage] [--noise KG] [--min KG] [--max KG] [--interval MS]",
  "  trace-station simulate modbus-sensor --model M --port PATH [--address N ...] [--baud N]",
  "  trace-station simulate sensor --mqtt URL --device ID --password PW [--model M] [--interval MS] [--count N]",
  "  trace-station simulate rfid-reader --port PATH --tag 982000123456789 ... [--format allflex-la|decimal|hex-module] [--repeats N] [--interval MS] [--loop]",
].join("\n");

const RFID_FORMATS: readonly RfidOutputFormat[] = ["allflex-la", "decimal", "hex-module"];

const usageError = (why: string) => new StationError("CLI_USAGE", `${why}\n用法 / usage: ${usage}`);

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw usageError(`--${name} 须为非负数 / must be a non-negative number`);
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

async function scale(values: Record<string, string | boolean | string[] | undefined>): Promise<number> {
  const protocol = values.protocol as string | undefined;
  const port = values.port as string | undefined;
  if (!protocol || !(SCALE_PROTOCOL_IDS as readonly string[]).includes(protocol)) {
    throw usageError(`--protocol 须为 / must be one of: ${SCALE_PROTOCOL_IDS.join(", ")}`);
  }
  if (!port) throw usageError("需要 --port / --port is required");
  const p = SCALE_PROTOCOLS[protocol as ScaleProtocolId];
  const settings = serialSettings({ path: port }, p.serial);
  if (values.baud !== undefined) settings.baudRate = number(values.baud as string, "baud", 9600);
  const transport = new SerialTransport(settings);
  await openPort(transport);
  const simulator = new ScaleSimulator(transport, systemClock, {
    ...DEFAULT_SIMULATOR,
    protocol: p,
    garbage: values.garbage === true,
    noiseKg: number(values.noise as string | undefined, "noise", DEFAULT_SIMULATOR.noiseKg),
    minKg: number(values.min as string | undefined, "min", DEFAULT_SIMULATOR.minKg),
    maxKg: number(values.max as string | undefined, "max", DEFAULT_SIMULATOR.maxKg),
    frameIntervalMs: number(
      values.interval as string | undefined,
      "interval",
      DEFAULT_SIMULATOR.frameIntervalMs,
    ),
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

async function modbusSensor(
  values: Record<string, string | boolean | string[] | undefined>,
): Promise<number> {
  const modelName = values.model as string | undefined;
  const port = values.port as string | undefined;
  if (!modelName || !port) throw usageError("需要 --model 和 --port / --model and --port are required");
  const models = loadModels(values["models-dir"] as string | undefined);
  const model = models.get(modelName);
  if (!model) {
    throw new StationError(
      "DRIVER_MODEL_UNKNOWN",
      `未知型号 ${modelName} / unknown model; 可用 / known: ${[...models.keys()].join(", ")}`,
    );
  }
  const addresses = ((values.address as string[] | undefined) ?? ["1"]).map((a) => {
    const n = Number(a);
    if (!Number.isInteger(n) || n < 1 || n > 247) throw usageError("--address 须为 1–247 / must be 1–247");
    return n;
  });
  const settings = serialSettings({ path: port }, LINE_9600_8N1);
  if (values.baud !== undefined) settings.baudRate = number(values.baud as string, "baud", 9600);
  const transport = new SerialTransport(settings);
  await openPort(transport);
  const sensors = new Map<number, SimulatedSensor>(addresses.map((a) => [a, { model }]));
  new ModbusSlaveSimulator(transport, sensors);
  process.stderr.write(
    `模拟 Modbus 传感器 / simulated Modbus sensor: ${modelName} @ ${addresses.join(",")} on ${port}；Ctrl-C 结束\n`,
  );
  return runUntilStopped(() => transport.close());
}

async function mqttSensor(values: Record<string, string | boolean | string[] | undefined>): Promise<number> {
  const url = values.mqtt as string | undefined;
  const device = values.device as string | undefined;
  const password = values.password as string | undefined;
  if (!url || !device || !password)
    throw usageError("需要 --mqtt、--device、--password / all three are required");
  const modelName = (values.model as string | undefined) ?? "air-th-rs485";
  const model = loadModels(values["models-dir"] as string | undefined).get(modelName);
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
  const interval = number(values.interval as string | undefined, "interval", 5000);
  const count = number(values.count as string | undefined, "count", 0);
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

async function rfidReader(values: Record<string, string | boolean | string[] | undefined>): Promise<number> {
  const port = values.port as string | undefined;
  const tags = (values.tag as string[] | undefined) ?? [];
  if (!port || tags.length === 0) throw usageError("需要 --port 和 --tag / --port and --tag are required");
  const bad = tags.find((t) => !/^\d{15}$/.test(t));
  if (bad) throw usageError(`--tag ${bad} 须为15位 ISO 11784 号码 / must be a 15-digit ISO 11784 code`);
  const format = ((values.format as string | undefined) ?? "decimal") as RfidOutputFormat;
  if (!RFID_FORMATS.includes(format)) throw usageError(`--format: ${RFID_FORMATS.join("|")}`);
  const transport = new SerialTransport(serialSettings({ path: port }, LINE_9600_8N1));
  await openPort(transport);
  const interval = number(values.interval as string | undefined, "interval", 300);
  const sim = new RfidReaderSimulator(transport, systemClock, {
    tags,
    format,
    repeats: Math.max(1, number(values.repeats as string | undefined, "repeats", 3)),
    repeatMs: interval,
    nextTagMs: Math.max(interval, 4000),
    loop: values.loop === true,
  });
  sim.start();
  process.stderr.write(`模拟电子耳标读卡器 / simulated RFID reader (${format}) → ${port}；Ctrl-C 结束\n`);
  const done = new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (sim.done) {
        clearInterval(check);
        // Let the last read leave the port before it closes.
        setTimeout(resolve, 500);
      }
    }, 100);
  });
  return runUntilStopped(async () => {
    sim.stop();
    await transport.close();
  }, done);
}

/** Fake devices for trying wiring and the station without hardware. */
export const simulateCommand: Command = {
  name: "simulate",
  summary: {
    zh: "模拟秤、Modbus 传感器或 MQTT 传感器（无需硬件试接线）",
    en: "simulate a scale, a Modbus sensor or an MQTT sensor (try wiring without hardware)",
  },
  usage,
  async run(argv) {
    const [what, ...rest] = argv;
    const { values } = parseCommandArgs(
      rest,
      {
        options: {
          protocol: { type: "string" },
          port: { type: "string" },
          baud: { type: "string" },
          garbage: { type: "boolean", default: false },
          noise: { type: "string" },
          min: { type: "string" },
          max: { type: "string" },
          interval: { type: "string" },
          model: { type: "string" },
          "models-dir": { type: "string" },
          address: { type: "string", multiple: true },
          mqtt: { type: "string" },
          device: { type: "string" },
          password: { type: "string" },
          count: { type: "string" },
          tag: { type: "string", multiple: true },
          format: { type: "string" },
          repeats: { type: "string" },
          loop: { type: "boolean", default: false },
        },
      },
      usage,
    );
    if (what === "scale") return scale(values);
    if (what === "modbus-sensor") return modbusSensor(values);
    if (what === "sensor") return mqttSensor(values);
    if (what === "rfid-reader") return rfidReader(values);
    throw usageError(`未知模拟对象 / unknown: ${what ?? "(none)"}`);
  },
};
