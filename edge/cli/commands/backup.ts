import { loadConfig } from "../../config/load.js";
import { need } from "../../domain/cli/domain-cli.js";
import { backupStation } from "../../ops/backup.js";
import { EXIT_OK } from "../command.js";
import { configFileFor } from "../config-file.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** A consistent copy of the store, safe while the station runs (edge/ops/backup.ts). */
export const backupCommand = defineCommand({
  name: "backup",
  summary: { zh: "备份数据库（站点运行时也可）", en: "back up the database (also while running)" },
  options: {
    ...DATA_OPTION_SPECS,
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      help: { zh: "备份写入此文件", en: "write the backup to this file" },
    },
  },
  required: ["out"],
  async run({ values, usage }) {
    const out = need(values.out, "--out", usage);
    const loaded = loadConfig(configFileFor(values.config), values.data ? { dataDir: values.data } : {});
    const result = await backupStation(loaded.dataDir, out);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `已备份 / backed up: ${result.file} (${Math.round(result.bytes / 1024)} KiB, ${result.migrations} migrations)\n`,
    );
    return EXIT_OK;
  },
});
