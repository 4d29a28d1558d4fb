import "./broker-codes.js";
import type { Socket } from "node:net";
import type { AuthenticateError, Client, ConnectPacket } from "aedes";
import type { Logger } from "../edge/core/logger.js";
import { BoundedConnection } from "./bounded-connection.js";
import type { MqttConfig } from "./config-schema.js";
import type { DeviceAuthenticator } from "./device-authenticator.js";
import type { DeviceLimits } from "./device-limits.js";
import type { Identity } from "./identity.js";
import type { RevocationWatch, Session } from "./revocation-watch.js";

/** Fixed header (≤ 5 bytes), topic length and topic, packet id: what a PUBLISH adds to its payload. */
const PUBLISH_OVERHEAD = 5 + 2 + 1024 + 2;

export interface LoginGateDeps {
  config: MqttConfig;
  authenticator: DeviceAuthenticator;
  limits: DeviceLimits;
  revocations: RevocationWatch;
  identities: WeakMap<Client, Identity>;
  log: Logger;
  count(code: string): void;
}

/**
 * Everything before a client may publish: the packet-size check on the raw socket, the
 * protocol version, the login (throttled, constant-time, client id bound to the device) and
 * the session the revocation watch ends when the device's credentials change.
 */
export class LoginGate {
  private failedLogins = 0;

  constructor(private readonly deps: LoginGateDeps) {}

  /** Logins refused since the broker was built (metrics). */
  get failures(): number {
    return this.failedLogins;
  }

  preConnect(
    _client: Client,
    packet: ConnectPacket,
    done: (error: Error | null, success: boolean) => void,
  ): void {
    // aedes answers MQTT 5 with CONNACK 1 (unacceptable protocol version, MQTT 3.1.1
    // §3.2.2.3); the log says why, with a code, so the technician knows what to change.
    if (packet.protocolVersion !== 4 && packet.protocolVersion !== 3) {
      this.deps.count("MQTT_PROTOCOL_UNSUPPORTED");
      this.deps.log.warn(
        { client: packet.clientId, version: packet.protocolVersion, code: "MQTT_PROTOCOL_UNSUPPORTED" },
        "connection refused: only MQTT 3.1.1 is supported",
      );
    }
    done(null, true);
  }

  /**
   * Every client is read through the packet-size check, before aedes's parser buffers anything.
   * A payload up to twice the limit still reaches the intake and gets its coded INTAKE_TOO_LARGE
   * refusal on the same connection; beyond that the connection ends.
   */
  bound(socket: Socket): BoundedConnection {
    const { limits, maxPayloadBytes } = this.deps.config;
    return new BoundedConnection(
      socket,
      { beforeLogin: limits.connectMaxBytes, afterLogin: 2 * maxPayloadBytes + PUBLISH_OVERHEAD },
      (verdict) => {
        this.deps.count("MQTT_PACKET_TOO_LARGE");
        this.deps.log.warn(
          { address: socket.remoteAddress, ...verdict, code: "MQTT_PACKET_TOO_LARGE" },
          "connection closed: packet over the limit or malformed",
        );
      },
    );
  }

  authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void {
    const conn = client.conn as unknown as Partial<BoundedConnection>;
    if (!username) {
      const clientId = this.deps.authenticator.bindAnonymousClientId(client.id);
      if (this.deps.config.allowAnonymous && clientId !== undefined) {
        client.id = clientId;
        this.deps.identities.set(client, { kind: "anonymous" });
        conn.accept?.();
        done(null, true);
        return;
      }
      this.refuseLogin(client, "anonymous", done);
      return;
    }
    const penalty = this.deps.limits.penaltyLeft(username);
    if (penalty > 0) {
      this.refuseLogin(client, username, done, "MQTT_LIMIT_DISCONNECT", 5, penalty);
      return;
    }
    const address = conn.remoteAddress ?? "unknown";
    this.deps.authenticator.login(address, username, password?.toString("utf8") ?? "", client.id).then(
      (result) => {
        if (!result.ok) {
          this.refuseLogin(client, username, done, result.code, result.returnCode, result.retryAfterMs);
          return;
        }
        // Bound before aedes registers the client: the takeover of an older session with
        // the same id ([MQTT-3.1.4-2]) can then only ever hit this device's own session.
        client.id = result.clientId;
        const session: Session = {
          deviceId: result.deviceId,
          stamp: result.stamp,
          close: () => client.close(),
        };
        this.deps.identities.set(client, { kind: "device", deviceId: result.deviceId, session });
        this.deps.revocations.add(session);
        conn.accept?.();
        done(null, true);
      },
      (err: Error) => {
        this.deps.log.error({ err }, "authentication failed with an error");
        this.refuseLogin(client, username, done);
      },
    );
  }

  private refuseLogin(
    client: Client,
    who: string,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
    code = "MQTT_AUTH_FAILED",
    returnCode = 4,
    retryAfterMs?: number,
  ): void {
    this.failedLogins++;
    this.deps.count(code);
    const address = (client.conn as unknown as Partial<BoundedConnection>).remoteAddress;
    this.deps.log.warn({ client: client.id, who, address, code, retryAfterMs }, "connection refused");
    const err = new Error(code) as AuthenticateError;
    // MQTT 3.1.1 §3.2.2.3: 2 identifier rejected, 4 bad user name or password, 5 not
    // authorized; numeric literals because the enum is const.
    (err as { returnCode: number }).returnCode = returnCode;
    done(err, false);
  }
}
