import "../cli-codes.js";
import { existsSync, writeFileSync } from "node:fs";
import { exampleConfig } from "../../config/example.js";
import { StationError } from "../../core/station-error.js";
import { EXIT_OK } from "../command.js";
import { defineCommand } from "../spec/define-command.js";

export const initCommand = defineCommand({
  name: "init",
  summary: { zh: "生成带注释的示例配置文件", en: "write a commented example config" },
  options: {
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      help: { zh: "写入此文件（默认输出到屏幕）", en: "write to this file (default: print)" },
    },
    force: {
      type: "boolean",
      default: false,
      help: { zh: "覆盖已有文件", en: "overwrite an existing file" },
    },
  },
  async run({ values }) {
    const text = exampleConfig();
    if (!values.out) {
      process.stdout.write(text);
      return EXIT_OK;
    }
    if (existsSync(values.out) && !values.force) {
      throw new StationError("CLI_USAGE", `${values.out} 已存在；用 --force 覆盖 / exists, use --force`);
    }
    writeFileSync(values.out, text, { mode: 0o640 });
    process.stdout.write(`已写入 / written: ${values.out}\n`);
    return EXIT_OK;
  },
});
