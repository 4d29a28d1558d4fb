import { renderReport } from "../../ops/doctor/render-report.js";
import { runDoctor } from "../../ops/doctor/run-doctor.js";
import { EXIT_FAILURE, EXIT_OK } from "../command.js";
import { configFileFor } from "../config-file.js";
import { cliZone, parseTimeOption } from "../context.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/**
 * Check everything the station depends on and print what to fix. Exit 0 when nothing failed
 * (warnings allowed), 1 otherwise. `--now` judges the clock as if it were that time.
 */
export const doctorCommand = defineCommand({
  name: "doctor",
  summary: { zh: "检查配置、磁盘、端口、设备、时钟", en: "check config, disk, ports, devices, clock" },
  options: {
    ...DATA_OPTION_SPECS,
    now: {
      type: "string",
      value: "TIME",
      help: { zh: "按此时间判断时钟", en: "judge the clock as if it were this time" },
    },
    timeout: {
      type: "string",
      value: "MS",
      help: { zh: "每项检查的超时（毫秒）", en: "timeout of each check (ms)" },
    },
  },
  notes: [
    {
      zh: "无失败时退出码 0（警告允许），否则 1",
      en: "exit 0 when nothing failed (warnings allowed), else 1",
    },
  ],
  async run({ values }) {
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
});
