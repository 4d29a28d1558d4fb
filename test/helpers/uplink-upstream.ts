import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, type Server, Socket } from "node:net";
import { join } from "node:path";
import { Aedes } from "aedes";
import { connect, type MqttClient } from "mqtt";
import { waitFor } from "./poll.js";

/** A record as an upstream receiver saw it (the station's record format v1). */
export interface ReceivedRecord {
  id: string;
  stream: string;
  seq: number;
  kind: string;
}

/** An upstream broker the test can stop and start again on the same port. */
export interface Upstream {
  readonly name: string;
  readonly port: number;
  /** Every record received, in arrival order, duplicates included. */
  readonly received: ReceivedRecord[];
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const parse = (payload: Buffer | string): ReceivedRecord => {
  const r = JSON.parse(payload.toString()) as ReceivedRecord;
  return { id: r.id, stream: r.stream, seq: r.seq, kind: r.kind };
};

/** A second aedes broker over real TCP; records are taken from its publish event (no race with a subscriber). */
export async function aedesUpstream(): Promise<Upstream> {
  const port = await freePort();
  const received: ReceivedRecord[] = [];
  let broker: Aedes | null = null;
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const up: Upstream = {
    name: "aedes",
    port,
    received,
    async start() {
      const b = new Aedes();
      await b.listen();
      b.on("publish", (packet, client) => {
        if (client && packet.topic.startsWith("up/")) received.push(parse(packet.payload as Buffer));
      });
      const s = createServer((socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        b.handle(socket);
      });
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(port, "127.0.0.1", () => resolve());
      });
      broker = b;
      server = s;
    },
    async stop() {
      const s = server;
      const b = broker;
      server = null;
      broker = null;
      for (const socket of sockets) socket.destroy();
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
      if (b) await new Promise<void>((resolve) => b.close(() => resolve()));
    },
    close: () => up.stop(),
  };
  await up.start();
  return up;
}

/**
 * Mosquitto as the upstream, with a receiver on a persistent session (clean: false) so that
 * what the station publishes while the receiver is still reconnecting is queued for it; the
 * broker saves sessions on SIGTERM (`persistence true`) and restores them on start.
 */
export async function mosquittoUpstream(dir: string): Promise<Upstream> {
  const port = await freePort();
  const conf = join(dir, "mosquitto.conf");
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      "allow_anonymous true",
      "persistence true",
      `persistence_location ${dir}/`,
      "max_queued_messages 0",
      "max_inflight_messages 0",
      "log_dest none",
      "",
    ].join("\n"),
  );
  const received: ReceivedRecord[] = [];
  let child: ChildProcess | null = null;
  let receiver: MqttClient | null = null;
  const up: Upstream = {
    name: "mosquitto",
    port,
    received,
    async start() {
      const c = spawn("/usr/sbin/mosquitto", ["-c", conf], { stdio: "ignore" });
      child = c;
      await waitForPort(port, 20_000);
      if (!receiver) {
        const r = connect(`mqtt://127.0.0.1:${port}`, {
          clientId: "uplink-test-receiver",
          clean: false,
          reconnectPeriod: 200,
        });
        r.on("message", (_topic, payload) => received.push(parse(payload)));
        await new Promise<void>((resolve) => r.once("connect", () => resolve()));
        await r.subscribeAsync("up/#", { qos: 1 });
        receiver = r;
      }
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
      c.kill("SIGTERM");
      await exited;
    },
    async close() {
      await receiver?.endAsync(true);
      receiver = null;
      await up.stop();
    },
  };
  await up.start();
  return up;
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const open = () =>
    new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1");
    });
  await waitFor(open, { what: `port ${port} to open`, timeoutMs, stepMs: 50 });
}
