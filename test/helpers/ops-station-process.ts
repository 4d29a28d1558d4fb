import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

export const CLI = resolve("dist/edge/cli/main.js");

/** The built CLI as a child process, with its output collected. */
export interface StationProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** `uid`: run as that user (and group), e.g. 65534 to be the service user's stranger. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, uid?: number): StationProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(uid !== undefined ? { uid, gid: uid } : {}),
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Run the CLI to completion. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = spawnCli(args, env);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}
