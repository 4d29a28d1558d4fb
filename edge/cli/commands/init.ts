import "../cli-codes.js";
import { existsSync, writeFileSync } from "node:fs";
import { exampleConfig } from "../../config/example.js";
import { StationError } from "../../core/station-error.js";
import { type Command, EXIT_OK } from "../command.js";
import { parseCommandArgs } from "../context.js";

const usage = "trace-station init [--out FILE] [--force]";

export const initCommand: Command = {
  name: "init",
  summary: { zh: "生成带注释的示例配置文件", en: "write a commented example config" },
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { options: { out: { type: "string", short: "o" }, force: { type: "boolean", default: false } } },
      usage,
    );
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
};
