import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

export const CLI = resolve(import.meta.dirname, "../../dist/edge/cli/main.js");

export interface ChildStation {
  process: ChildProcess;
  ports: { mqtt: number; http?: number };
  /** JSON log lines seen so far. */
  logs: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything written to stderr so far (a pipe, as under systemd: not a TTY). */
  stderr(): string;
}

/**
 * The built station as a separate process, the way systemd runs it. Resolves once its log
 * says "station started", with the ports it bound.
 */
export async function spawnStation(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildStation> {
  const child = spawn(process.execPath, [CLI, "start", "--mqtt-port", "0", "--http-port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const started = new Promise<ChildStation["ports"]>((resolvePorts, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === "station started") resolvePorts(entry.ports as ChildStation["ports"]);
      } catch {
        // not a log line
      }
    });
    void exited.then(({ code }) => reject(new Error(`station exited early (${code}): ${stderr}`)));
  });
  const ports = await started;
  return { process: child, ports, logs, exited, stderr: () => stderr };
}

/** Run the CLI to completion and return what it printed. */
export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
