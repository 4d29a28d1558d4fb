import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

/**
 * A stand-in for systemd's notification socket: a unix datagram socket (Node has none, so a
 * python3 one-liner) that reports each datagram as a line. It reads with recv(), which drops
 * the file descriptor systemd-notify's barrier passes, so the barrier returns at once, as with
 * systemd.
 */
export interface FakeNotifySocket {
  path: string;
  messages: string[];
  /** Wait for a message equal to `text` or matching it. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  close(): void;
}

const SCRIPT = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("LISTENING", flush=True)
while True:
    data = s.recv(65536)
    for line in data.decode("utf-8", "replace").split("\\n"):
        if line:
            print(line, flush=True)
`;

export async function fakeNotifySocket(dir: string): Promise<FakeNotifySocket> {
  const path = join(dir, "notify.sock");
  const child: ChildProcess = spawn("python3", ["-c", SCRIPT, path], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const messages: string[] = [];
  const waiters: Array<() => void> = [];
  let listening: () => void = () => {};
  const up = new Promise<void>((resolve) => {
    listening = resolve;
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    if (line === "LISTENING") {
      listening();
      return;
    }
    messages.push(line);
    for (const w of waiters.splice(0)) w();
  });
  await up;
  return {
    path,
    messages,
    async waitFor(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const match = (m: string) => (typeof text === "string" ? m === text : text.test(m));
      for (;;) {
        const found = messages.find(match);
        if (found !== undefined) return found;
        if (Date.now() > deadline)
          throw new Error(`no ${text} within ${timeoutMs} ms; got ${messages.join(", ")}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close() {
      child.kill();
    },
  };
}
