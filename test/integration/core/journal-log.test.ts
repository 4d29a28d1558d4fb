import { spawnSync } from "node:child_process";
import { closeSync, fstatSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Logs for the journal: every line landed at priority info, and the README's jq recipes stopped
 * at the first non-JSON line and filtered on a component key that was written twice. Here stdout
 * and stderr are a file whose device:inode is JOURNAL_STREAM, as systemd sets it for the unit.
 */
const work = tempDir("journal-log");
afterAll(() => removeDir(work));
const README = resolve("systemd/README.md");

/** Run `args` with stdout and stderr on one file that JOURNAL_STREAM names (or not). */
function runOnJournal(name: string, args: string[], journal = true, env: NodeJS.ProcessEnv = {}): string {
  const file = join(work, name);
  const fd = openSync(file, "w");
  const st = fstatSync(fd);
  spawnSync(process.execPath, args, {
    stdio: ["ignore", fd, fd],
    env: { ...process.env, ...env, JOURNAL_STREAM: journal ? `${st.dev}:${st.ino}` : "1:2" },
    timeout: 20_000,
  });
  closeSync(fd);
  return readFileSync(file, "utf8");
}

const LOGGER = resolve("dist/edge/core/logger.js");
const SAMPLE = `
const { createLogger } = await import(${JSON.stringify(LOGGER)});
const log = createLogger({ level: "info" });
const drivers = log.child({ component: "drivers" });
drivers.child({ component: "scale", device: "s1" }).warn({ code: "DRIVER_CHECKSUM_ERRORS" }, "checksum");
drivers.info("drivers up");
log.child({ component: "uplink" }).error({ code: "UPLINK_REJECTED" }, "refused");
process.stderr.write("trace-station 已启动 / started: MQTT 1883\\n");
log.child({ component: "http" }).info("listening");
`;

describe("the journal", () => {
  it("each line carries its syslog priority, so journalctl -p err shows errors", () => {
    const out = runOnJournal("prio.log", ["--input-type=module", "-e", SAMPLE]);
    const lines = out.trim().split("\n");
    expect(lines.find((l) => l.includes('"refused"'))).toMatch(/^<3>\{/);
    expect(lines.find((l) => l.includes('"checksum"'))).toMatch(/^<4>\{/);
    expect(lines.find((l) => l.includes('"listening"'))).toMatch(/^<6>\{/);
  });

  it("not on the journal (JOURNAL_STREAM inherited from a parent): plain JSON lines", () => {
    const out = runOnJournal("plain.log", ["--input-type=module", "-e", SAMPLE], false);
    for (const line of out
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("{") || l.startsWith("<")))
      expect(line.startsWith("{")).toBe(true);
  });

  it("a config the station refuses is at priority err, every line of it", () => {
    const bad = join(work, "bad.yaml");
    writeFileSync(bad, "station:\n  timezone: Asia/Shangai\n");
    const out = runOnJournal("refused.log", [CLI, "start", "--config", bad]);
    const lines = out.trim().split("\n");
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatch(/^<3>/);
  });

  it("the README's jq recipes work on what journalctl -o cat gives (journald strips <N>)", () => {
    const journal = runOnJournal("recipes.log", ["--input-type=module", "-e", SAMPLE])
      .split("\n")
      .map((l) => l.replace(/^<\d>/, ""))
      .join("\n");
    const recipes = readFileSync(README, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("sudo journalctl -u trace-station -o cat | jq"))
      .map((l) => l.slice(l.indexOf("| jq") + 2));
    expect(recipes).toHaveLength(3);
    const run = (jq: string) => {
      const r = spawnSync("sh", ["-c", jq], { input: journal, encoding: "utf8" });
      expect(r.status, `${jq}: ${r.stderr}`).toBe(0);
      return r.stdout.trim().split("\n");
    };
    const [all, component, codes] = recipes.map(run);
    // Every line comes through, the non-JSON banner as text instead of stopping jq.
    expect(all?.join("\n")).toContain("listening");
    expect(all?.join("\n")).toContain("已启动");
    expect(component?.map((l) => JSON.parse(l).msg)).toEqual(["checksum", "drivers up"]);
    expect(codes).toHaveLength(2);
    expect(codes?.[0]).toMatch(/^\S+Z DRIVER_CHECKSUM_ERRORS checksum$/);
  });
});
