import { loadConfig } from "../../config/load.js";
import { StationError } from "../../core/station-error.js";
import { backupStation } from "../../ops/backup.js";
import { type Command, EXIT_OK } from "../command.js";
import { configFileFor } from "../config-file.js";
import { DATA_OPTIONS, parseCommandArgs } from "../context.js";

const usage = "trace-station backup --out FILE [--config FILE] [--data DIR] [--json]";

/** A consistent copy of the store, safe while the station runs (edge/ops/backup.ts). */
export const backupCommand: Command = {
  name: "backup",
  summary: { zh: "备份数据库（站点运行时也可）", en: "back up the database (also while running)" },
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { options: { ...DATA_OPTIONS, out: { type: "string", short: "o" } } },
      usage,
    );
    if (!values.out)
      throw new StationError("CLI_USAGE", `需要 --out FILE / --out FILE is required\n用法 / usage: ${usage}`);
    const loaded = loadConfig(configFileFor(values.config), values.data ? { dataDir: values.data } : {});
    const result = await backupStation(loaded.dataDir, values.out);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `已备份 / backed up: ${result.file} (${Math.round(result.bytes / 1024)} KiB, ${result.migrations} migrations)\n`,
    );
    return EXIT_OK;
  },
};
