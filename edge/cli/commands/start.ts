import { createStation } from "../../app.js";
import { loadConfig } from "../../config/load.js";
import { StationError } from "../../core/station-error.js";
import { checkDemo, checkQrBase } from "../../ops/doctor/site-checks.js";
import { SystemdNotifier } from "../../ops/systemd-notifier.js";
import { EXIT_FAILURE, EXIT_OK } from "../command.js";
import { configFileFor } from "../config-file.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** How long a signal that arrives during start waits for start to finish (under TimeoutStopSec=30). */
const START_STOP_GRACE_MS = 20_000;

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new StationError("CLI_USAGE", `--${name} 须为 0–65535 的整数 / must be an integer 0–65535`);
  }
  return n;
}

/** Run the station until SIGTERM or SIGINT, then flush what is pending and exit 0. */
export const startCommand = defineCommand({
  name: "start",
  summary: { zh: "启动站点（MQTT、存储、操作屏）", en: "run the station (broker, store, kiosk)" },
  options: {
    config: { ...DATA_OPTION_SPECS.config, quiet: false },
    data: { ...DATA_OPTION_SPECS.data, quiet: false },
    "mqtt-port": {
      type: "string",
      value: "N",
      help: { zh: "MQTT 端口（覆盖配置）", en: "MQTT port (overrides the config)" },
    },
    "http-port": {
      type: "string",
      value: "N",
      help: { zh: "HTTP 端口（覆盖配置）", en: "HTTP port (overrides the config)" },
    },
  },
  notes: [
    {
      zh: "收到 SIGTERM 或 SIGINT 后保存待写数据并退出 0",
      en: "on SIGTERM or SIGINT: flush what is pending, exit 0",
    },
  ],
  async run({ values }) {
    const overrides = {
      ...(values.data !== undefined ? { dataDir: values.data } : {}),
      ...(values["mqtt-port"] !== undefined ? { mqttPort: port(values["mqtt-port"], "mqtt-port") } : {}),
      ...(values["http-port"] !== undefined ? { httpPort: port(values["http-port"], "http-port") } : {}),
    };
    const loaded = loadConfig(configFileFor(values.config), overrides);
    // Signals are handled from before start: a SIGTERM while the store opens or the broker
    // binds waits for start to finish and then stops cleanly, instead of killing mid-migration.
    // Waiting is bounded: a start that does not finish within START_STOP_GRACE_MS after the
    // signal exits anyway, and a second signal exits at once. There is no state in which
    // the process ignores SIGTERM (systemd would need SIGKILL after TimeoutStopSec).
    let stopSignal: string | undefined;
    let onStop: (() => void) | undefined;
    let starting = true;
    let startGrace: NodeJS.Timeout | undefined;
    const stop = (signal: string) => {
      if (stopSignal) {
        process.stderr.write(`再次收到 ${signal}，立即退出 / second ${signal}: exiting now\n`);
        process.exit(EXIT_FAILURE);
      }
      stopSignal = signal;
      if (starting) {
        startGrace = setTimeout(() => {
          process.stderr.write(
            `启动未能在收到 ${signal} 后结束，退出 / start did not finish after ${signal}: exiting\n`,
          );
          process.exit(EXIT_FAILURE);
        }, START_STOP_GRACE_MS).unref();
      }
      onStop?.();
    };
    const onTerm = () => stop("SIGTERM");
    const onInt = () => stop("SIGINT");
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
    const release = () => {
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
    };

    let station: ReturnType<typeof createStation>;
    try {
      station = createStation(loaded);
      // start() stops whatever it had started when a step fails, then rethrows.
      await station.start();
    } catch (err) {
      release();
      throw err;
    }
    starting = false;
    clearTimeout(startGrace);
    // Type=notify: READY=1 only now that the store and broker are up (systemd/trace-station.service).
    const notifier = new SystemdNotifier(
      loaded.config.ops.watchdog ? process.env : {},
      station.clock,
      station.log.child({ component: "systemd" }),
    );
    // What doctor would warn about, said once in the journal too: nobody runs doctor on box 37.
    for (const check of [checkDemo(loaded.config), checkQrBase(loaded.config)]) {
      if (check.status !== "ok")
        station.log.warn({ code: check.code }, `${check.title.zh} / ${check.title.en}: ${check.detail}`);
    }
    process.stderr.write(
      `trace-station 已启动 / started: MQTT ${station.ports.mqtt}` +
        (station.ports.http ? `, HTTP http://localhost:${station.ports.http}/` : "") +
        `, 数据 / data ${station.dataDir}\n`,
    );
    const ready = stopSignal
      ? Promise.resolve()
      : notifier.ready(`MQTT ${station.ports.mqtt}, HTTP ${station.ports.http ?? "-"}`);
    if (!stopSignal) {
      await new Promise<void>((resolve) => {
        onStop = resolve;
      });
    }
    station.log.info({ signal: stopSignal }, "stopping");
    release();
    await ready;
    await notifier.stopping();
    await station.stop();
    return EXIT_OK;
  },
});
