import { loadConfig } from "../../config/load.js";
import { StationError } from "../../core/station-error.js";
import { restoreStation } from "../../ops/backup.js";
import { type Command, EXIT_OK } from "../command.js";
import { configFileFor } from "../config-file.js";
import { DATA_OPTIONS, parseCommandArgs } from "../context.js";

const usage = "trace-station restore --from FILE [--config FILE] [--data DIR] [--json]";

/**
 * Replace the store with a backup or a snapshot, the station stopped. The store that was there
 * is kept under <data>/snapshots, so a restore can itself be undone.
 */
export const restoreCommand: Command = {
  name: "restore",
  summary: {
    zh: "从备份或快照恢复数据库（先停止站点）",
    en: "restore the database from a backup or snapshot (station stopped)",
  },
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { options: { ...DATA_OPTIONS, from: { type: "string", short: "f" } } },
      usage,
    );
    if (!values.from)
      throw new StationError(
        "CLI_USAGE",
        `需要 --from FILE / --from FILE is required\n用法 / usage: ${usage}`,
      );
    const loaded = loadConfig(configFileFor(values.config), values.data ? { dataDir: values.data } : {});
    const result = restoreStation(loaded.dataDir, values.from);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `已恢复 / restored: ${result.restored}` +
            (result.previous ? `\n原数据库已保存 / the previous store is kept: ${result.previous}` : "") +
            "\n",
    );
    return EXIT_OK;
  },
};
