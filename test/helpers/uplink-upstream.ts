import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, type Server, Socket } from "node:net";
import { join } from "node:path";
import { Aedes } from "aedes";
import { connect, type MqttClient } from "mqtt";
import { waitFor } from "./poll.js";
import { TcpRelay } from "./tcp-relay.js";

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
 *
 * The station reaches mosquitto through a relay (`port`), the receiver directly. `stop()`
 * first cuts the station's link, then waits for a marker published after the cut to reach the
 * receiver, and only then sends SIGTERM. Mosquitto 2.0 PUBACKs QoS 1 messages it reads while
 * shutting down and then neither delivers nor saves them (the last in-flight window, a few runs
 * in ten under load, reproduced without the station); no publisher can tell, since PUBACK is
 * the only acknowledgement MQTT 3.1.1 has. The marker is queued for the receiver after every
 * message the station saw acknowledged, so once it arrives nothing acknowledged is left in
 * the broker alone, and the test checks the station, not that shutdown race.
 */
export async function mosquittoUpstream(dir: string): Promise<Upstream> {
  const brokerPort = await freePort();
  const relay = new TcpRelay(await freePort(), brokerPort);
  const conf = join(dir, "mosquitto.conf");
  writeFileSync(
    conf,
    [
      `listener ${brokerPort} 127.0.0.1`,
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
  const markers = new Set<string>();
  let child: ChildProcess | null = null;
  let receiver: MqttClient | null = null;
  let stops = 0;
  const drainBroker = async () => {
    const marker = `outage-${++stops}`;
    const client = connect(`mqtt://127.0.0.1:${brokerPort}`, {
      clientId: "uplink-test-marker",
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve) => client.once("connect", () => resolve()));
    await client.publishAsync(MARKER_TOPIC, marker, { qos: 1 });
    await client.endAsync();
    await waitFor(() => markers.has(marker), {
      what: "mosquitto to deliver what it acknowledged",
      timeoutMs: 30_000,
    });
  };
  const up: Upstream = {
    name: "mosquitto",
    port: relay.port,
    received,
    async start() {
      const c = spawn("/usr/sbin/mosquitto", ["-c", conf], { stdio: "ignore" });
      child = c;
      await waitForPort(brokerPort, 20_000);
      if (!receiver) {
        const r = connect(`mqtt://127.0.0.1:${brokerPort}`, {
          clientId: "uplink-test-receiver",
          clean: false,
          reconnectPeriod: 200,
        });
        r.on("message", (topic, payload) => {
          if (topic === MARKER_TOPIC) markers.add(payload.toString());
          else received.push(parse(payload));
        });
        await new Promise<void>((resolve) => r.once("connect", () => resolve()));
        await r.subscribeAsync(["up/#", MARKER_TOPIC], { qos: 1 });
        receiver = r;
      } else {
        // The receiver's session comes back from mosquitto's persistence file; the station is
        // let through only once the receiver is connected to it again, so the first records
        // resent after an outage are not published to a broker whose only subscriber is still
        // reconnecting (a CI run lost exactly those three).
        const r = receiver;
        await waitFor(() => r.connected, { what: "the upstream receiver reconnected", timeoutMs: 20_000 });
      }
      await relay.open();
    },
    async stop() {
      await relay.cut();
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      if (receiver) await drainBroker();
      const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
      c.kill("SIGTERM");
      await exited;
    },
    async close() {
      await relay.cut();
      await receiver?.endAsync(true);
      receiver = null;
      await up.stop();
    },
  };
  await up.start();
  return up;
}

const MARKER_TOPIC = "test/outage-marker";

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
