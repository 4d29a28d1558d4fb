import type { ChildProcess } from "node:child_process";
import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnCli } from "./cli.js";

/**
 * The real station as a child process (`dist/edge/cli/main.js start`), stopped with SIGTERM
 * and started again on the same data directory and MQTT port, as systemd would.
 */
export class StationProcess {
  private child: ChildProcess | null = null;
  stderr = "";

  /** Station stdout (JSON logs) goes to `logFile`, for reading after a failure. */
  constructor(
    readonly configFile: string,
    readonly mqttPort: number,
    readonly logFile: string,
  ) {}

  static writeConfig(dir: string, config: Record<string, unknown>): string {
    const file = join(dir, "station.json");
    writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
  }

  async start(): Promise<void> {
    const out = openSync(this.logFile, "a");
    const { child } = spawnCli(
      ["start", "--config", this.configFile, "--mqtt-port", String(this.mqttPort), "--http-port", "0"],
      { stdout: out },
    );
    closeSync(out);
    this.child = child;
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      this.stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`station exited with ${code}: ${err}`));
      child.once("exit", onExit);
      const timer = setInterval(() => {
        if (/started/.test(err)) {
          clearInterval(timer);
          child.off("exit", onExit);
          resolve();
        }
      }, 50);
    });
  }

  async stop(): Promise<number | null> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    return exited;
  }

  kill(): void {
    this.child?.kill("SIGKILL");
    this.child = null;
  }
}
