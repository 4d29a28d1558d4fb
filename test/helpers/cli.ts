import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";

/**
 * The built CLI, as systemd and technicians run it. The integration and browser projects
 * rebuild dist/ before their tests when a source is newer (test/setup/build-dist.ts).
 */
export const CLI = resolve(import.meta.dirname, "../../dist/edge/cli/main.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A running CLI child, with its output collected. */
export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** SIGTERM (as systemd stops it) and the exit code. */
  stop(): Promise<number | null>;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  /** A file descriptor to send stdout to (station logs to read after a failure); default: collected. */
  stdout?: number;
  /** Run as that user (and group), e.g. 65534 to be a stranger to the service user's files. */
  uid?: number;
  /** Flags for node itself, before the CLI (a bench's `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

/** The one way tests start the CLI as a child. */
export function spawnCli(args: string[], options: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", options.stdout ?? "pipe", "pipe"],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
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

/**
 * Run the CLI to completion, asynchronously: a printer endpoint or broker in this process's
 * event loop keeps answering while the command runs.
 */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const p = spawnCli(args, { env });
  const status = await p.exited;
  return { status, stdout: p.stdout(), stderr: p.stderr() };
}

/** Run the CLI to completion, blocking: only where nothing in this process must answer it. */
export function runCliSync(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `runCli` for a command that must succeed: a non-zero exit fails with what the CLI said. */
export async function cliOk(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const r = await runCli(args, env);
  if (r.status !== 0) throw new Error(`trace-station ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r;
}
