import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { spawnCli } from "./cli.js";

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
export async function spawnStation(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: string[] = [],
): Promise<ChildStation> {
  const cli = spawnCli(["start", "--mqtt-port", "0", "--http-port", "0", ...args], { env, nodeArgs });
  const child = cli.child;
  const logs: Array<Record<string, unknown>> = [];
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
    void exited.then(({ code }) => reject(new Error(`station exited early (${code}): ${cli.stderr()}`)));
  });
  const ports = await started;
  return { process: child, ports, logs, exited, stderr: () => cli.stderr() };
}
