import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Command } from "../../../edge/cli/command.js";
import { commands } from "../../../edge/cli/commands/index.js";
import { bashCompletion } from "../../../edge/cli/completion.js";
import { defineCommand } from "../../../edge/cli/spec/define-command.js";
import { isStationError } from "../../../edge/core/station-error.js";
import { removeDir, tempDir } from "../../helpers/station.js";

const seen: unknown[] = [];

/** A small command in the declared style, recording what its run received. */
const lotCommand = defineCommand({
  name: "lot",
  summary: { zh: "批次", en: "lots" },
  options: {
    config: { type: "string", short: "c", value: "FILE", quiet: true, help: { zh: "配置", en: "config" } },
    json: { type: "boolean", default: false, help: { zh: "JSON", en: "JSON" } },
    status: { type: "string", choices: ["open", "closed"], help: { zh: "状态", en: "status" } },
    harvest: { type: "string", value: "TIME", help: { zh: "采收时间", en: "harvest time" } },
    site: { type: "string", multiple: true, value: "SITE", help: { zh: "地块", en: "site" } },
  },
  common: ["config", "json"],
  actions: {
    list: { summary: { zh: "列出", en: "list" }, options: ["status"] },
    close: {
      summary: { zh: "关闭", en: "close" },
      args: [{ name: "LOT", help: { zh: "批次号", en: "lot" } }],
      options: ["harvest", "site"],
      required: ["harvest"],
    },
  },
  defaultAction: "list",
  async run({ action, values, args }) {
    // Typed from the declaration: status is "open" | "closed" | undefined, json a boolean.
    const status: "open" | "closed" | undefined = values.status;
    const json: boolean = values.json;
    seen.push({ action, status, json, harvest: values.harvest, site: values.site, args });
    return 0;
  },
});

async function usageMessage(command: Command, argv: string[]): Promise<string> {
  try {
    await command.run(argv);
  } catch (err) {
    if (isStationError(err) && err.code === "CLI_USAGE") return err.message;
    throw err;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
}

describe("a command declared once: parsing, usage, help and completion", () => {
  it("parses the action, typed values, defaults and positionals", async () => {
    seen.length = 0;
    await lotCommand.run([
      "close",
      "L1",
      "--harvest",
      "2026-05-01",
      "--site",
      "A",
      "--site",
      "B",
      "-c",
      "x.yaml",
    ]);
    await lotCommand.run([]);
    await lotCommand.run(["list", "--status", "open", "--json"]);
    expect(seen).toEqual([
      {
        action: "close",
        status: undefined,
        json: false,
        harvest: "2026-05-01",
        site: ["A", "B"],
        args: ["L1"],
      },
      { action: "list", status: undefined, json: false, harvest: undefined, site: undefined, args: [] },
      { action: "list", status: "open", json: true, harvest: undefined, site: undefined, args: [] },
    ]);
  });

  it("refuses, with the action's generated usage: unknown option, option of another action, missing required option or positional, value outside its choices, extra words, unknown action", async () => {
    const closeUsage = "用法 / usage: trace-station lot close LOT --harvest TIME [--site SITE…] [--json]";
    expect(await usageMessage(lotCommand, ["close", "L1", "--harvest", "x", "--frob"])).toContain("--frob");
    expect(await usageMessage(lotCommand, ["close", "L1", "--harvest", "x", "--status", "open"])).toBe(
      `--status 不适用于 lot close / does not apply to lot close\n${closeUsage}`,
    );
    expect(await usageMessage(lotCommand, ["close", "L1"])).toBe(
      `需要 --harvest / --harvest is required\n${closeUsage}`,
    );
    expect(await usageMessage(lotCommand, ["close", "--harvest", "x"])).toBe(
      `需要 LOT / LOT is required\n${closeUsage}`,
    );
    expect(await usageMessage(lotCommand, ["list", "--status", "shut"])).toContain(
      "--status 只能是 open、closed / must be one of open, closed",
    );
    expect(await usageMessage(lotCommand, ["close", "L1", "L2", "--harvest", "x"])).toContain(
      "多余的参数 / unexpected argument: L2",
    );
    expect(await usageMessage(lotCommand, ["open"])).toContain("未知操作 / unknown action: open");
  });

  it("derives usage lines and help in Chinese and English, per command and per action", () => {
    expect(lotCommand.usage).toBe(
      [
        "trace-station lot [list] [--status open|closed] [--json]",
        "trace-station lot close LOT --harvest TIME [--site SITE…] [--json]",
      ].join("\n       "),
    );
    const help = lotCommand.help?.([]) ?? "";
    expect(help).toContain("批次 / lots");
    expect(help).toContain("  close                        关闭 / close");
    expect(help).toContain("  -c, --config FILE            配置 / config");
    const closeHelp = lotCommand.help?.(["close", "--help"]) ?? "";
    expect(closeHelp.split("\n")[0]).toBe("关闭 / close");
    expect(closeHelp).toContain("      --harvest TIME           采收时间 / harvest time");
    expect(closeHelp).not.toContain("--status");
  });

  const work = tempDir("cli-spec-completion");
  afterAll(() => removeDir(work));
  const complete = (words: string[]): string[] => {
    const file = join(work, "completion.bash");
    writeFileSync(file, bashCompletion([lotCommand, ...commands], []));
    const quoted = words.map((w) => `'${w}'`).join(" ");
    const r = spawnSync(
      "bash",
      [
        "-c",
        `source ${file}; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _trace_station; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.split("\n").filter(Boolean);
  };

  it("completes actions, the options of the action typed, and the values of an option with choices", () => {
    expect(complete(["trace-station", "lot", ""])).toEqual(["list", "close"]);
    expect(complete(["trace-station", "lot", "close", "L1", "--"])).toEqual([
      "--harvest",
      "--site",
      "--config",
      "--json",
      "--help",
    ]);
    expect(complete(["trace-station", "lot", "list", "--status", ""])).toEqual(["open", "closed"]);
    expect(complete(["trace-station", "batch", "list", "--status", "c"])).toEqual(["closed"]);
    expect(complete(["trace-station", "device", "add", "x", "--kind", "sc"])).toEqual(["scale", "scanner"]);
  });

  it("every shipped command is declared (help and completion derived), so none drifts from its parser", () => {
    expect(commands.filter((c) => !c.help || !c.completion).map((c) => c.name)).toEqual([]);
  });
});
