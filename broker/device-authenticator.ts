import "./broker-codes.js";
import { createHash } from "node:crypto";
import { generateSecret, hashSecret, verifySecret } from "./credentials.js";
import type { DeviceRegistry } from "./device-registry.js";
import type { MqttLimits } from "./limits-schema.js";
import { LoginThrottle } from "./login-throttle.js";

export type LoginResult =
  | { ok: true; deviceId: string; stamp: string; clientId: string }
  | {
      ok: false;
      code: "MQTT_AUTH_FAILED" | "MQTT_CONNECT_THROTTLED" | "MQTT_CLIENT_ID_TAKEN";
      /** CONNACK return code (MQTT 3.1.1 §3.2.2.3): 2 identifier rejected, 4 bad credentials, 5 not authorized. */
      returnCode: 2 | 4 | 5;
      retryAfterMs?: number;
    };

const CACHE_MAX = 4096;

/**
 * Checks a device login: throttle first (per address and per username), then the secret,
 * then the client id. An unknown username costs the same scrypt as a known one, against a
 * hash made at start, so the answer time does not tell which ids exist. A secret that verified
 * once is remembered by its SHA-256 with the stamp it matched, so a real device reconnecting
 * does not queue behind guessers' scrypt calls and passes the throttle it did not cause.
 */
export class DeviceAuthenticator {
  private readonly throttle: LoginThrottle;
  private readonly proven = new Map<string, string>();
  private readonly decoy: Promise<string>;

  constructor(
    private readonly devices: DeviceRegistry,
    limits: MqttLimits,
    now: () => number,
  ) {
    this.throttle = new LoginThrottle(
      {
        allowedFailures: limits.loginFailures,
        baseDelayMs: 1000,
        maxDelayMs: limits.loginBackoffMaxSeconds * 1000,
        maxEntries: 10_000,
      },
      now,
    );
    this.decoy = hashSecret(generateSecret());
  }

  async login(address: string, username: string, secret: string, rawClientId: string): Promise<LoginResult> {
    const stamp = this.devices.credentialStamps([username]).get(username);
    const key = provenKey(username, secret);
    let ok = stamp !== undefined && this.proven.get(key) === stamp;
    if (!ok) {
      const verdict = this.throttle.begin([`addr:${address}`, `user:${username}`]);
      if (!verdict.ok) {
        return {
          ok: false,
          code: "MQTT_CONNECT_THROTTLED",
          returnCode: 5,
          retryAfterMs: verdict.retryAfterMs,
        };
      }
      try {
        // "internal" marks station drivers: never a login, but it costs the same time to say so.
        const usable = stamp !== undefined && stamp !== "internal";
        const matched = await verifySecret(secret, usable ? stamp : await this.decoy);
        ok = usable && matched && secret.length > 0;
      } finally {
        verdict.release(ok);
      }
      if (ok && stamp !== undefined) this.remember(key, stamp);
    }
    if (!ok || stamp === undefined) return { ok: false, code: "MQTT_AUTH_FAILED", returnCode: 4 };
    const clientId = this.bindClientId(username, rawClientId);
    if (clientId === undefined) return { ok: false, code: "MQTT_CLIENT_ID_TAKEN", returnCode: 2 };
    return { ok: true, deviceId: username, stamp, clientId };
  }

  /**
   * A device's client ids are its device id and `{id}.{anything}` ('.' never occurs in a
   * device id). Any other id is kept inside the device's own namespace, so two devices can
   * never take over each other's session; an id naming another device is refused outright.
   */
  bindClientId(deviceId: string, raw: string): string | undefined {
    if (raw === deviceId || raw.startsWith(`${deviceId}.`)) return raw;
    if (this.namesDevice(raw)) return undefined;
    return `${deviceId}.${raw}`;
  }

  /** An anonymous (read-only) client gets a namespace no device id can spell ('~'). */
  bindAnonymousClientId(raw: string): string | undefined {
    return this.namesDevice(raw) ? undefined : `~anon.${raw}`;
  }

  private namesDevice(raw: string): boolean {
    const owner = raw.split(".")[0] ?? raw;
    return this.devices.credentialStamps([owner]).has(owner);
  }

  private remember(key: string, stamp: string): void {
    if (this.proven.size >= CACHE_MAX) {
      const oldest = this.proven.keys().next().value;
      if (oldest !== undefined) this.proven.delete(oldest);
    }
    this.proven.set(key, stamp);
  }
}

function provenKey(username: string, secret: string): string {
  return createHash("sha256").update(username).update("\0").update(secret).digest("base64");
}
