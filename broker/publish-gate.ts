import "./broker-codes.js";
import type { Client, PublishPacket } from "aedes";
import type { Clock } from "../edge/core/clock.js";
import type { Logger } from "../edge/core/logger.js";
import type { DeviceLimits } from "./device-limits.js";
import type { BrokerIntake } from "./intake-port.js";
import { parseDeviceTopic } from "./topics.js";

export interface PublishGateDeps {
  limits: DeviceLimits;
  intake: BrokerIntake;
  clock: Clock;
  log: Logger;
  notify(deviceId: string, code: string, reason: string, topic: string): void;
  count(code: string): void;
  /** Payloads not to forward to subscribers (refused at intake or over a limit). */
  refused: WeakSet<Buffer>;
}

const NOTICE_INTERVAL_MS = 1000;

/**
 * Every device publish passes here: the ACL of DESIGN.md, then the device's limits, then the
 * intake. `done(null)` (and so the PUBACK) only after the intake committed the message; a
 * message kept back for its rate gets its PUBACK late, one refused for it gets none (the
 * connection ends and the device resends, nothing acknowledged is lost). A retained flag is
 * honoured only for a message the intake accepted and within the device's retained budget.
 */
export class PublishGate {
  private readonly lastNotice = new Map<string, number>();

  constructor(private readonly deps: PublishGateDeps) {}

  authorize(
    client: Client | null,
    deviceId: string | undefined,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void {
    const { limits, log } = this.deps;
    const topic = parseDeviceTopic(packet.topic);
    // A will left by a client of an earlier run (client null): only a device topic passes.
    const ownTopic = topic !== undefined && (client === null || topic.deviceId === deviceId);
    if (!ownTopic || !topic || topic.leaf === "error" || topic.leaf === "cmd") {
      this.deps.count("MQTT_ACL_DENIED");
      log.warn({ client: client?.id, device: deviceId, code: "MQTT_ACL_DENIED" }, "publish denied");
      if (deviceId) this.noticeOnce(deviceId, "MQTT_ACL_DENIED", "无权发布该主题 / not your topic", "");
      done(new Error("MQTT_ACL_DENIED"));
      return;
    }
    if (!client || !deviceId) {
      this.store(topic.deviceId, topic.leaf, undefined, packet, done);
      return;
    }
    if (!limits.refusalBudgetLeft(deviceId)) {
      this.deps.count("MQTT_REFUSALS_LIMIT");
      this.noticeOnce(
        deviceId,
        "MQTT_REFUSALS_LIMIT",
        "拒收消息过多 / too many refused messages",
        packet.topic,
      );
      this.disconnect(client, deviceId, "MQTT_REFUSALS_LIMIT");
      done(new Error("MQTT_REFUSALS_LIMIT"));
      return;
    }
    const decision = limits.rate(deviceId, packet.qos);
    if (decision.kind === "go") {
      this.store(deviceId, topic.leaf, deviceId, packet, done);
      return;
    }
    if (decision.kind === "hold") {
      this.deps.clock
        .setTimeout(() => {
          limits.released(deviceId);
          this.store(deviceId, topic.leaf, deviceId, packet, done);
        }, decision.ms)
        .unref?.();
      return;
    }
    this.deps.count("MQTT_RATE_LIMITED");
    this.noticeOnce(deviceId, "MQTT_RATE_LIMITED", "发送过快 / sending too fast", packet.topic);
    if (limits.strike(deviceId)) this.disconnect(client, deviceId, "MQTT_RATE_LIMITED");
    if (packet.qos === 0) {
      // QoS 0 promises nothing: dropped, never forwarded, never retained.
      this.deps.refused.add(packet.payload as Buffer);
      packet.retain = false;
      done(null);
      return;
    }
    // No PUBACK for what is not stored: the connection ends, the device resends later.
    done(new Error("MQTT_RATE_LIMITED"));
  }

  /** One coded notice per device and code per second, so a flood does not flood back. */
  noticeOnce(deviceId: string, code: string, reason: string, topic: string): void {
    const key = `${deviceId}\u0000${code}`;
    const now = this.deps.clock.now();
    const last = this.lastNotice.get(key);
    if (last !== undefined && now - last < NOTICE_INTERVAL_MS) return;
    if (this.lastNotice.size > 10_000) this.lastNotice.clear();
    this.lastNotice.set(key, now);
    this.deps.notify(deviceId, code, reason, topic);
  }

  /** Persisting over a limit: disconnected, and kept out for a growing while. */
  disconnect(client: Client, deviceId: string, cause: string): void {
    const pauseMs = this.deps.limits.penalise(deviceId);
    this.deps.count("MQTT_LIMIT_DISCONNECT");
    this.deps.log.warn(
      { device: deviceId, cause, pauseMs, code: "MQTT_LIMIT_DISCONNECT" },
      "device kept exceeding its limits: disconnected",
    );
    setImmediate(() => client.close());
  }

  private store(
    deviceId: string,
    leaf: string,
    limited: string | undefined,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void {
    const payload = packet.payload as Buffer;
    this.deps.intake.receive(deviceId, leaf, packet.topic, payload, (err, outcome) => {
      if (err) {
        this.deps.log.warn({ device: deviceId, err: err.message }, "message not stored; client will resend");
        done(err);
        return;
      }
      if (outcome?.status === "refused") {
        this.deps.refused.add(payload);
        if (limited) this.deps.limits.mayRecordRefusal(limited);
        // Retained only what was accepted; an empty payload still clears (§3.3.1.3).
        if (payload.length > 0) packet.retain = false;
      }
      if (packet.retain && limited && !this.deps.limits.retain(limited, packet.topic, payload.length)) {
        packet.retain = false;
        this.deps.count("MQTT_RETAINED_LIMIT");
        this.noticeOnce(
          limited,
          "MQTT_RETAINED_LIMIT",
          "保留消息已达上限 / retained limit reached",
          packet.topic,
        );
      }
      done(null);
    });
  }
}
