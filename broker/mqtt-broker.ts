import "./broker-codes.js";
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { Aedes, type AedesPublishPacket, type Client, type PublishPacket } from "aedes";
import { type Clock, systemClock } from "../edge/core/clock.js";
import { listenError } from "../edge/core/listen-error.js";
import type { Logger } from "../edge/core/logger.js";
import type { StationService } from "../edge/core/station-service.js";
import type { MqttConfig } from "./config-schema.js";
import { DeviceAuthenticator } from "./device-authenticator.js";
import { DeviceLimits } from "./device-limits.js";
import type { DeviceRegistry } from "./device-registry.js";
import type { Identity } from "./identity.js";
import type { BrokerIntake, RefusalNotice } from "./intake-port.js";
import { LoginGate } from "./login-gate.js";
import { PublishGate } from "./publish-gate.js";
import { RevocationWatch } from "./revocation-watch.js";
import { deviceTopic, errorTopic, liveTopic, TOPIC_ROOT, topicFault } from "./topics.js";

export interface BrokerDeps {
  config: MqttConfig;
  devices: DeviceRegistry;
  intake: BrokerIntake;
  log: Logger;
  /** Limits, throttles and the revocation poll run on it (STYLE.md §4). */
  clock?: Clock;
}

export interface ListeningAddress {
  transport: "tcp" | "tls";
  port: number;
}

/**
 * The embedded broker: every device message enters here. Authentication against the device
 * registry, the ACL of DESIGN.md, and the delivery promise: `authorizePublish` calls back only
 * after the intake has committed the message, and aedes writes the PUBACK only after that.
 */
export class MqttBroker implements StationService {
  readonly name = "broker";
  readonly aedes: Aedes;
  private readonly identities = new WeakMap<Client, Identity>();
  /** Payloads refused at intake: kept out of subscribers' hands (aedes keeps the buffer identity). */
  private readonly refusedPayloads = new WeakSet<Buffer>();
  private readonly servers: Server[] = [];
  private readonly serversClosed: Promise<void>[] = [];
  /** Every socket, so a half-open one (CONNECT never sent) cannot hold shutdown for aedes's 30 s connect timeout. */
  private readonly sockets = new Set<Socket>();
  private readonly log: Logger;
  private readonly denied = { publish: 0, subscribe: 0 };
  get authFailures(): number {
    return this.login.failures;
  }
  /** Refusals by code (limits, packet size, client ids, revocations), for tests and metrics. */
  private readonly refusalCounts = new Map<string, number>();
  private readonly login: LoginGate;
  private readonly limits: DeviceLimits;
  private readonly revocations: RevocationWatch;
  private readonly gate: PublishGate;

  /** Publishes and subscriptions the ACL refused. */
  get aclDenied(): Readonly<{ publish: number; subscribe: number }> {
    return { ...this.denied };
  }

  /** Broker refusals by code (limits, client ids, packet sizes, revocations: issue 12). */
  get refusals(): ReadonlyMap<string, number> {
    return this.refusalCounts;
  }

  constructor(private readonly deps: BrokerDeps) {
    this.log = deps.log.child({ component: "broker" });
    const clock = deps.clock ?? systemClock;
    const now = () => clock.now();
    this.limits = new DeviceLimits(deps.config.limits, now);
    this.revocations = new RevocationWatch(deps.devices, 250, clock, (session, reason) => {
      this.count("MQTT_REVOKED");
      this.log.warn(
        { device: session.deviceId, reason, code: "MQTT_REVOKED" },
        "session ended: credentials revoked",
      );
    });
    this.login = new LoginGate({
      config: deps.config,
      authenticator: new DeviceAuthenticator(deps.devices, deps.config.limits, now),
      limits: this.limits,
      revocations: this.revocations,
      identities: this.identities,
      log: this.log,
      count: (code) => this.count(code),
    });
    this.gate = new PublishGate({
      limits: this.limits,
      intake: deps.intake,
      clock,
      log: this.log,
      notify: (deviceId, code, reason, topic) => this.notify(deviceId, code, reason, topic),
      count: (code) => this.count(code),
      refused: this.refusedPayloads,
    });
    this.aedes = new Aedes({
      preConnect: (client, packet, done) => this.login.preConnect(client, packet, done),
      authenticate: (client, username, password, done) =>
        this.login.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => this.authorizePublish(client, packet, done),
      authorizeSubscribe: (client, sub, done) => {
        if (this.maySubscribe(client, sub.topic)) {
          // aedes keeps the granted filters on the client (not in its typings).
          const subs = (client as unknown as { subscriptions: Record<string, unknown> }).subscriptions;
          const granted = Object.keys(subs).length;
          if (sub.topic in subs || granted < deps.config.limits.subscriptions) return done(null, sub);
          this.limitViolation(
            client,
            "MQTT_SUBSCRIPTIONS_LIMIT",
            `订阅数已达上限 / subscription limit`,
            sub.topic,
          );
          return done(null, null);
        }
        this.denied.subscribe++;
        this.log.warn({ client: client.id, topic: sub.topic }, "subscription denied (MQTT_ACL_DENIED)");
        done(null, null);
      },
      authorizeForward: (_client, packet) =>
        this.refusedPayloads.has(packet.payload as Buffer) ? null : packet,
    });
    this.aedes.on("clientReady", (client) => {
      const id = this.identities.get(client);
      if (id?.kind === "device") deps.intake.presence(id.deviceId, true);
    });
    this.aedes.on("clientDisconnect", (client) => {
      const id = this.identities.get(client);
      if (id?.kind === "device") {
        this.revocations.delete(id.session);
        deps.intake.presence(id.deviceId, false);
      }
    });
    this.aedes.on("clientError", (client) => {
      const id = this.identities.get(client);
      if (id?.kind === "device") this.revocations.delete(id.session);
    });
    this.aedes.on("clientError", (client, err) =>
      this.log.debug({ client: client.id, err: err.message }, "client error"),
    );
  }

  /**
   * Before the listener opens: devices are marked offline, and the intake's refusals go to the
   * devices' error topics. `stop` drops the clients (the listener stopped first, the group
   * committer has committed what they sent).
   */
  async start(): Promise<void> {
    this.deps.devices.markAllOffline();
    this.deps.intake.on("refused", this.tellRefused);
  }

  async stop(): Promise<void> {
    await this.close();
    this.deps.intake.off("refused", this.tellRefused);
  }

  private readonly tellRefused = (notice: RefusalNotice): void => {
    this.publish(
      errorTopic(notice.deviceId),
      JSON.stringify({
        code: notice.code,
        reason: notice.reason,
        topic: notice.topic,
        msgId: notice.msgId,
        ts: new Date(notice.receivedAt).toISOString(),
      }),
      false,
    );
  };

  /** A coded refusal on the device's own error topic (MQTT 3.1.1 has no negative ack). */
  private notify(deviceId: string, code: string, reason: string, topic: string): void {
    this.publish(
      errorTopic(deviceId),
      JSON.stringify({ code, reason, topic, msgId: null, ts: new Date().toISOString() }),
      false,
    );
  }

  private count(code: string): void {
    this.refusalCounts.set(code, (this.refusalCounts.get(code) ?? 0) + 1);
  }

  /** A limit was hit: tell the device, and disconnect it (with a pause) if it keeps at it. */
  private limitViolation(client: Client, code: string, reason: string, topic: string): void {
    const identity = this.identities.get(client);
    this.count(code);
    if (identity?.kind !== "device") return;
    this.gate.noticeOnce(identity.deviceId, code, reason, topic);
    if (this.limits.strike(identity.deviceId)) this.gate.disconnect(client, identity.deviceId, code);
  }

  async listen(): Promise<ListeningAddress[]> {
    const { config } = this.deps;
    const addresses: ListeningAddress[] = [];
    await this.aedes.listen();
    this.revocations.start();
    const handle = (socket: Socket) => this.aedes.handle(this.login.bound(socket));
    const tcp = createServer(handle);
    this.track(tcp);
    addresses.push({ transport: "tcp", port: await listenOn(tcp, config.host, config.port) });
    this.servers.push(tcp);
    if (config.tls) {
      const tls = createTlsServer(
        {
          cert: readFileSync(config.tls.cert),
          key: readFileSync(config.tls.key),
          ...(config.tls.ca ? { ca: readFileSync(config.tls.ca) } : {}),
        },
        handle,
      );
      this.track(tls);
      addresses.push({ transport: "tls", port: await listenOn(tls, config.host, config.tls.port) });
      this.servers.push(tls);
    }
    this.log.info({ addresses }, "broker listening");
    return addresses;
  }

  /** Deliver a station-originated message to subscribers (errors, station events, commands). */
  /** A driver's live weight stream (DESIGN.md contract: `trace/v1/dev/{id}/live`, not stored). */
  publishLive(deviceId: string, payload: string): void {
    this.publish(liveTopic(deviceId), payload, false);
  }

  publish(topic: string, payload: string | Buffer, retain: boolean): void {
    const packet: PublishPacket = {
      cmd: "publish",
      topic,
      payload: typeof payload === "string" ? Buffer.from(payload) : payload,
      qos: 0,
      retain,
      dup: false,
    };
    this.aedes.publish(packet, (err) => {
      if (err) this.log.warn({ topic, err: err.message }, "internal publish failed");
    });
  }

  /**
   * Take no new connections. Connected clients stay until `close`, so PUBACKs of messages
   * still being committed reach them (net.Server.close only completes once they are gone).
   */
  stopListening(): void {
    for (const server of this.servers.splice(0)) {
      this.serversClosed.push(new Promise<void>((resolve) => server.close(() => resolve())));
    }
  }

  /** Disconnect every client and close the broker. */
  async close(): Promise<void> {
    this.revocations.stop();
    this.stopListening();
    await this.drainClients(1000);
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.serversClosed.splice(0));
  }

  private track(server: Server): void {
    // "connection" fires for TLS too, with the raw socket, before the handshake.
    server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  /**
   * Let PUBACKs written for the last commit leave the sockets before they are destroyed:
   * closing a client discards unsent bytes, and a device would resend what is already stored.
   */
  private async drainClients(maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    const clients = (this.aedes as unknown as { clients: Record<string, Client> }).clients;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const busy = Object.values(clients).some((c) => (c.conn as { writableLength?: number }).writableLength);
      if (!busy || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private authorizePublish(
    client: Client | null,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void {
    const identity = client ? this.identities.get(client) : undefined;
    const deviceId = identity?.kind === "device" ? identity.deviceId : undefined;
    const fault = topicFault(packet.topic);
    if (fault && client) {
      this.count("MQTT_TOPIC_INVALID");
      this.log.warn(
        { client: client.id, device: deviceId, code: "MQTT_TOPIC_INVALID", fault },
        "publish refused",
      );
      if (deviceId) this.gate.noticeOnce(deviceId, "MQTT_TOPIC_INVALID", fault, "");
      // [MQTT-1.5.3-2]: a topic with U+0000 is a protocol violation; the connection ends.
      done(new Error("MQTT_TOPIC_INVALID"));
      return;
    }
    this.gate.authorize(client, deviceId, packet, (err) => {
      if (err?.message.startsWith("MQTT_ACL_DENIED")) this.denied.publish++;
      done(err);
    });
  }

  private maySubscribe(client: Client, topic: string): boolean {
    const identity = this.identities.get(client);
    if (!identity || topicFault(topic)) return false;
    if (identity.kind === "anonymous") return topic.startsWith(`${TOPIC_ROOT}/`) || topic === TOPIC_ROOT;
    const own = deviceTopic(identity.deviceId, "");
    return topic === `${own}cmd/#` || topic.startsWith(`${own}cmd/`) || topic === `${own}error`;
  }
}

function listenOn(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (err) => reject(listenError(err, "MQTT", host, port)));
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

export type { AedesPublishPacket };
