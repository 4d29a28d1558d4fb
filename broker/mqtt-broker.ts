import "./broker-codes.js";
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import {
  Aedes,
  type AedesPublishPacket,
  type AuthenticateError,
  type Client,
  type PublishPacket,
} from "aedes";
import { listenError } from "../edge/core/listen-error.js";
import type { Logger } from "../edge/core/logger.js";
import type { MqttConfig } from "./config-schema.js";
import type { DeviceRegistry } from "./device-registry.js";
import type { BrokerIntake } from "./intake-port.js";
import { deviceTopic, errorTopic, liveTopic, parseDeviceTopic, TOPIC_ROOT } from "./topics.js";

type Identity = { kind: "device"; deviceId: string } | { kind: "anonymous" };

export interface BrokerDeps {
  config: MqttConfig;
  devices: DeviceRegistry;
  intake: BrokerIntake;
  log: Logger;
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
export class MqttBroker {
  readonly aedes: Aedes;
  private readonly identities = new WeakMap<Client, Identity>();
  /** Payloads refused at intake: kept out of subscribers' hands (aedes keeps the buffer identity). */
  private readonly refusedPayloads = new WeakSet<Buffer>();
  private readonly servers: Server[] = [];
  private readonly serversClosed: Promise<void>[] = [];
  /** Every socket, so a half-open one (CONNECT never sent) cannot hold shutdown for aedes's 30 s connect timeout. */
  private readonly sockets = new Set<Socket>();
  private readonly log: Logger;
  readonly aclDenied = { publish: 0, subscribe: 0 };
  authFailures = 0;

  constructor(private readonly deps: BrokerDeps) {
    this.log = deps.log.child({ component: "broker" });
    this.aedes = new Aedes({
      authenticate: (client, username, password, done) => this.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => this.authorizePublish(client, packet, done),
      authorizeSubscribe: (client, sub, done) => {
        if (this.maySubscribe(client, sub.topic)) return done(null, sub);
        this.aclDenied.subscribe++;
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
      if (id?.kind === "device") deps.intake.presence(id.deviceId, false);
    });
    this.aedes.on("clientError", (client, err) =>
      this.log.debug({ client: client.id, err: err.message }, "client error"),
    );
    deps.intake.on("refused", (notice) => {
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
    });
  }

  async listen(): Promise<ListeningAddress[]> {
    const { config } = this.deps;
    const addresses: ListeningAddress[] = [];
    await this.aedes.listen();
    const tcp = createServer(this.aedes.handle);
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
        this.aedes.handle,
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

  private authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void {
    if (!username) {
      if (this.deps.config.allowAnonymous) {
        this.identities.set(client, { kind: "anonymous" });
        done(null, true);
        return;
      }
      this.refuseLogin(client, "anonymous", done);
      return;
    }
    this.deps.devices.authenticate(username, password?.toString("utf8") ?? "").then(
      (ok) => {
        if (!ok) {
          this.refuseLogin(client, username, done);
          return;
        }
        this.identities.set(client, { kind: "device", deviceId: username });
        done(null, true);
      },
      (err: Error) => {
        this.log.error({ err }, "authentication failed with an error");
        this.refuseLogin(client, username, done);
      },
    );
  }

  private refuseLogin(
    client: Client,
    who: string,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void {
    this.authFailures++;
    this.log.warn({ client: client.id, who, code: "MQTT_AUTH_FAILED" }, "connection refused");
    const err = new Error("bad username or password") as AuthenticateError;
    // 4 = bad user name or password (MQTT 3.1.1 §3.2.2.3); a numeric literal because the enum is const.
    (err as { returnCode: number }).returnCode = 4;
    done(err, false);
  }

  private authorizePublish(
    client: Client | null,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void {
    // A will left by a client of an earlier run: only the device's own status topic passes.
    const identity = client ? this.identities.get(client) : undefined;
    const topic = parseDeviceTopic(packet.topic);
    const deviceId = identity?.kind === "device" ? identity.deviceId : undefined;
    const ownTopic = topic !== undefined && (client === null || topic.deviceId === deviceId);
    if (!ownTopic || !topic || topic.leaf === "error" || topic.leaf === "cmd") {
      this.aclDenied.publish++;
      this.log.warn(
        { client: client?.id, device: deviceId, topic: packet.topic, code: "MQTT_ACL_DENIED" },
        "publish denied",
      );
      done(new Error(`MQTT_ACL_DENIED: ${packet.topic}`));
      return;
    }
    const payload = packet.payload as Buffer;
    this.deps.intake.receive(topic.deviceId, topic.leaf, packet.topic, payload, (err, outcome) => {
      if (err) {
        this.log.warn({ device: topic.deviceId, err: err.message }, "message not stored; client will resend");
        done(err);
        return;
      }
      if (outcome?.status === "refused") this.refusedPayloads.add(payload);
      done(null);
    });
  }

  private maySubscribe(client: Client, topic: string): boolean {
    const identity = this.identities.get(client);
    if (!identity) return false;
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
