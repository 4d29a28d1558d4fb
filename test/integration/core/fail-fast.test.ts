import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli, spawnCli } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Incident: a bad config made the station hang instead of exiting. Cross-field checks ran in
 * constructors after the writer thread had started, the error was printed, SIGTERM was ignored
 * and systemd restart-looped instead of seeing exit 78. These run the built CLI as systemd does.
 */
const work = tempDir("fail-fast");
// The other user below must reach the data directories inside.
chmodSync(work, 0o755);
afterAll(() => removeDir(work));

const NOBODY = 65534;

function writeConfig(name: string, config: Record<string, unknown>): string {
  const file = join(work, name);
  writeFileSync(file, stringify(config));
  return file;
}

async function startAndWait(args: string[], uid?: number) {
  const began = Date.now();
  const p = spawnCli(["start", "--mqtt-port", "0", "--http-port", "0", ...args], { uid });
  const timer = setTimeout(() => p.child.kill("SIGKILL"), 10_000);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, ms: Date.now() - began, stderr: p.stderr(), stdout: p.stdout() };
}

describe("a bad config is refused before anything starts", () => {
  it("five mistakes, two of them cross-field: all listed with path and remedy, exit 78, within 2 s", async () => {
    const file = writeConfig("five.yaml", {
      dataDir: join(work, "data-five"),
      station: { code: "bad code", timezone: "Asia/Shangai" },
      mqtt: { maxPayloadBytes: "lots" },
      drivers: {
        scales: [
          { id: "scale-1", protocol: "generic-ad", serial: { path: "/dev/trace/scale-1" } },
          { id: "scale-1", protocol: "generic-ad", serial: { path: "/dev/trace/scale-2" } },
        ],
      },
      uplink: {
        sinks: [{ name: "prov", type: "mqtt", url: "mqtts://up.example.cn:8883", ca: "/nope/ca.pem" }],
      },
      demo: { enabled: false },
    });
    // Under a loaded test machine Node alone may take a second to boot: the 2 s are on top of
    // what the same CLI takes to print its version.
    const began = Date.now();
    await runCli(["--version"]);
    const boot = Date.now() - began;
    const r = await startAndWait(["--config", file]);
    expect(r.code, r.stderr).toBe(78);
    expect(r.ms - boot).toBeLessThan(2000);
    for (const path of [
      "/station/code",
      "/station/timezone",
      "/mqtt/maxPayloadBytes",
      "/drivers/scales/1/id",
      "/uplink/sinks/0/ca",
    ]) {
      expect(r.stderr).toContain(`- ${path}:`);
    }
    expect(r.stderr).toContain("Asia/Shanghai");
    expect(r.stderr).toMatch(/5 problem/);
    // Every problem has its remedy line.
    expect(r.stderr.match(/\n {4}→ /g)?.length).toBe(5);
  });

  it("clashing ports and a missing template are config errors, not a failed bind or print", async () => {
    const file = writeConfig("ports.yaml", {
      dataDir: join(work, "data-ports"),
      mqtt: { port: 18833 },
      http: { port: 18833 },
      printers: [{ name: "p1", kind: "preview", packageTemplate: "no-such-label" }],
    });
    const p = spawnCli(["start", "--config", file]);
    const code = await p.exited;
    expect(code, p.stderr()).toBe(78);
    expect(p.stderr()).toContain("- /http/port:");
    expect(p.stderr()).toContain("- /printers/0/packageTemplate:");
  });
});

describe("a data directory the station cannot own", () => {
  it("a root-owned station.db left by the CLI: clear code, exit, no hang", async () => {
    const dataDir = join(work, "data-root-owned");
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "station.db"), "");
    chmodSync(dataDir, 0o777);
    chmodSync(join(dataDir, "station.db"), 0o644);
    chownSync(join(dataDir, "station.db"), 0, 0);
    const r = await startAndWait(["--data", dataDir], NOBODY);
    expect(r.ms).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[OPS_DATA_FOREIGN_OWNED]");
    expect(r.stderr).toContain("station.db");
    expect(r.stderr).toContain("chown");
  });

  it("an unwritable data directory: clear code and remedy, exit", async () => {
    const dataDir = join(work, "data-readonly");
    mkdirSync(dataDir, { mode: 0o755 });
    const r = await startAndWait(["--data", dataDir], NOBODY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[OPS_DATA_DIR_NOT_WRITABLE]");
    expect(r.stderr).toContain(dataDir);
  });
});

describe("SIGTERM is never ignored", () => {
  it("a SIGTERM while the station is starting stops it cleanly, exit 0, in seconds", async () => {
    const p = spawnCli([
      "start",
      "--mqtt-port",
      "0",
      "--http-port",
      "0",
      "--data",
      join(work, "data-sigterm"),
    ]);
    // The broker listens before drivers, printing and HTTP start: mid-start.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never listened: ${p.stderr()}`)), 20_000);
      p.child.stdout?.on("data", () => {
        if (p.stdout().includes('"broker listening"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const sent = Date.now();
    p.child.kill("SIGTERM");
    const timer = setTimeout(() => p.child.kill("SIGKILL"), 10_000);
    const code = await p.exited;
    clearTimeout(timer);
    expect(code, p.stderr()).toBe(0);
    expect(Date.now() - sent).toBeLessThan(8000);
  });
});
