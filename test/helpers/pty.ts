import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * A virtual serial cable: socat joins two ptys and links them at `a` and `b` (like a udev
 * name under /dev/serial/by-id). Killing it is an unplug; `plugIn()` again is a replug at the
 * same paths.
 */
export class PtyPair {
  readonly a: string;
  readonly b: string;
  private child: ChildProcess | undefined;

  constructor(readonly dir: string) {
    this.a = join(dir, "a");
    this.b = join(dir, "b");
  }

  async plugIn(timeoutMs = 10_000): Promise<void> {
    if (this.child) return;
    const child = spawn(
      "socat",
      ["-d", "-d", `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    this.child = child;
    let log = "";
    child.stderr?.on("data", (d: Buffer) => {
      log += d.toString();
    });
    const deadline = Date.now() + timeoutMs;
    // socat logs "starting data transfer loop" once both ptys exist and the links are made.
    while (!(existsSync(this.a) && existsSync(this.b) && log.includes("starting data transfer loop"))) {
      if (child.exitCode !== null) throw new Error(`socat exited: ${log}`);
      if (Date.now() > deadline) throw new Error(`socat pty pair not ready: ${log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Kill socat (an unplug); resolves when it has exited and removed its links. */
  async unplug(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
}

export async function createPtyPair(dir: string): Promise<PtyPair> {
  const pair = new PtyPair(dir);
  await pair.plugIn();
  return pair;
}
