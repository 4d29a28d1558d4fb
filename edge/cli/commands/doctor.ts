import { renderReport } from "../../ops/doctor/render-report.js";
import { runDoctor } from "../../ops/doctor/run-doctor.js";
import { type Command, EXIT_FAILURE, EXIT_OK } from "../command.js";
import { configFileFor } from "../config-file.js";
import { cliZone, DATA_OPTIONS, parseCommandArgs, parseTimeOption } from "../context.js";

const usage = "trace-station doctor [--config FILE] [--data DIR] [--json] [--now TIME] [--timeout MS]";

/**
 * Check everything the station depends on and print what to fix. Exit 0 when nothing failed
 * (warnings allowed), 1 otherwise. `--now` judges the clock as if it were that time.
 */
export const doctorCommand: Command = {
  name: "doctor",
  summary: { zh: "检查配置、磁盘、端口、设备、时钟", en: "check config, disk, ports, devices, clock" },
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { options: { ...DATA_OPTIONS, now: { type: "string" }, timeout: { type: "string" } } },
      usage,
    );
    const now = parseTimeOption(values.now, "now", cliZone(values));
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    const report = await runDoctor({
      configFile: configFileFor(values.config),
      overrides: values.data ? { dataDir: values.data } : {},
      ...(now !== undefined ? { now } : {}),
      ...(timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
    });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
    return report.ok ? EXIT_OK : EXIT_FAILURE;
  },
};
