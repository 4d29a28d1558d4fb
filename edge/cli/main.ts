#!/usr/bin/env node
import { ConfigError, EXIT_CONFIG } from "../config/load.js";
import { stderrText } from "../core/logger.js";
import { isStationError } from "../core/station-error.js";
import { type Command, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./command.js";
import { commandLoaders } from "./commands/command-loaders.js";
import { bashCompletion, zshCompletion } from "./completion.js";
import { versionLine } from "./version.js";

/** Every command's declaration: only the overall help and the completion script need them all. */
async function allCommands(): Promise<readonly Command[]> {
  return (await import("./commands/index.js")).commands;
}

function help(commands: readonly Command[]): string {
  const rows = commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary.zh} / ${c.summary.en}`);
  return [
    "trace-station: 农产品质量安全追溯站 / agricultural traceability edge station",
    "",
    "用法 / usage: trace-station <命令/command> [选项/options]",
    "",
    ...rows,
    "",
    `  ${"completion".padEnd(12)} 输出 shell 补全脚本（bash、zsh）/ print a shell completion script (bash, zsh)`,
    `  ${"--version".padEnd(12)} 显示版本 / show the version`,
    "",
    "trace-station <命令> [操作] --help（或 help <命令> [操作]）查看用法 / for a command's or an action's usage",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  // `help batch open` is `batch open --help`.
  const [name, ...rest] =
    argv[0] === "help" && argv[1] !== undefined ? [argv[1], ...argv.slice(2), "--help"] : argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${help(await allCommands())}\n`);
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    process.stdout.write(`${versionLine()}\n`);
    return EXIT_OK;
  }
  if (name === "completion") {
    const shell = rest[0] ?? "bash";
    if (shell !== "bash" && shell !== "zsh") {
      process.stderr.write(`用法 / usage: trace-station completion bash|zsh\n`);
      return EXIT_USAGE;
    }
    const extra = ["completion", "help", "version"];
    const commands = await allCommands();
    process.stdout.write(shell === "bash" ? bashCompletion(commands, extra) : zshCompletion(commands, extra));
    return EXIT_OK;
  }
  // Only the module of the command typed is loaded (edge/cli/commands/command-loaders.ts).
  const command = Object.hasOwn(commandLoaders, name) ? await commandLoaders[name]?.() : undefined;
  if (!command) {
    process.stderr.write(`未知命令 / unknown command: ${name}\n\n${help(await allCommands())}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    const text = command.help
      ? command.help(rest)
      : `${command.summary.zh} / ${command.summary.en}\n用法 / usage: ${command.usage}`;
    process.stdout.write(`${text}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(stderrText(`[${err.code}] ${err.report()}\n`));
      return EXIT_CONFIG;
    }
    if (isStationError(err)) {
      process.stderr.write(stderrText(`[${err.code}] ${err.message}\n  → ${err.remedy}\n`));
      if (err.code === "CONFIG_UNREADABLE" || err.code === "CONFIG_VERSION_UNSUPPORTED") return EXIT_CONFIG;
      return err.code === "CLI_USAGE" ? EXIT_USAGE : EXIT_FAILURE;
    }
    process.stderr.write(stderrText(`${(err as Error).stack ?? String(err)}\n`));
    return EXIT_FAILURE;
  }
}

/**
 * A failed command exits even if something it built still holds the event loop (a writer
 * thread, a socket from a half-built station): the code is what systemd and scripts act on,
 * and a process that prints an error and then hangs is the worst of both.
 */
function finish(code: number): void {
  process.exitCode = code;
  if (code !== EXIT_OK) setTimeout(() => process.exit(code), FAILED_EXIT_GRACE_MS).unref();
}

const FAILED_EXIT_GRACE_MS = 500;

main(process.argv.slice(2)).then(finish, (err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  finish(EXIT_FAILURE);
});
