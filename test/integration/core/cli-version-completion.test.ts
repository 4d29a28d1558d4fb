import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

const work = tempDir("cli-completion");
afterAll(() => removeDir(work));

/** What bash offers after `words` (the last one being completed), with the generated script. */
function complete(script: string, words: string[]): string[] {
  const file = join(work, "completion.bash");
  writeFileSync(file, script);
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
}

describe("the CLI says what it is and completes itself", () => {
  it("--version prints the release's version", async () => {
    const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
    const r = await runCli(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^trace-station ${version.replace(/\./g, "\\.")} \\(Node\\.js v\\d+`),
    );
  });

  it("bash completion offers commands, a command's actions and its options", async () => {
    const r = await runCli(["completion", "bash"]);
    expect(r.status).toBe(0);
    expect(complete(r.stdout, ["trace-station", "ba"])).toEqual(["batch", "backup"]);
    expect(complete(r.stdout, ["trace-station", "device", ""])).toEqual(["add", "list", "remove", "reset"]);
    expect(complete(r.stdout, ["trace-station", "backup", "--o"])).toEqual(["--out"]);
    expect(complete(r.stdout, ["trace-station", "start", "--"])).toEqual(
      expect.arrayContaining(["--config", "--data", "--mqtt-port", "--http-port", "--help"]),
    );
  });

  it("help lists every command in Chinese and English, completion and --version too", async () => {
    const r = await runCli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("backup");
    expect(r.stdout).toContain("备份数据库");
    expect(r.stdout).toContain("back up the database");
    expect(r.stdout).toContain("--version");
    expect(r.stdout).toContain("completion");
  });

  it("help for a command and for one action, with each option described in both languages", async () => {
    const command = await runCli(["batch", "--help"]);
    expect(command.status).toBe(0);
    expect(command.stdout).toContain("trace-station batch close LOT --harvest TIME");
    expect(command.stdout).toContain("--harvest TIME           采收时间 / harvest time");
    const action = await runCli(["help", "batch", "close"]);
    expect(action.status).toBe(0);
    expect(action.stdout.split("\n")[0]).toBe("关批次 / close a batch");
    expect(action.stdout).not.toContain("--product");
    const wrong = await runCli(["batch", "close", "L1", "--product", "P"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("--product 不适用于 batch close / does not apply to batch close");
  });
});
