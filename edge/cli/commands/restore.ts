import { loadConfig } from "../../config/load.js";
import { need } from "../../domain/cli/domain-cli.js";
import { restoreStation } from "../../ops/backup.js";
import { EXIT_OK } from "../command.js";
import { configFileFor } from "../config-file.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/**
 * Replace the store with a backup or a snapshot, the station stopped. The store that was there
 * is kept under <data>/snapshots, so a restore can itself be undone.
 */
export const restoreCommand = defineCommand({
  name: "restore",
  summary: {
    zh: "从备份或快照恢复数据库（先停止站点）",
    en: "restore the database from a backup or snapshot (station stopped)",
  },
  options: {
    ...DATA_OPTION_SPECS,
    from: {
      type: "string",
      short: "f",
      value: "FILE",
      help: { zh: "备份或快照文件", en: "backup or snapshot file" },
    },
  },
  required: ["from"],
  notes: [
    {
      zh: "原数据库保存在 <数据目录>/snapshots",
      en: "the store that was there is kept under <data>/snapshots",
    },
  ],
  async run({ values, usage }) {
    const from = need(values.from, "--from", usage);
    const loaded = loadConfig(configFileFor(values.config), values.data ? { dataDir: values.data } : {});
    const result = restoreStation(loaded.dataDir, from);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `已恢复 / restored: ${result.restored}` +
            (result.previous ? `\n原数据库已保存 / the previous store is kept: ${result.previous}` : "") +
            "\n",
    );
    return EXIT_OK;
  },
});
