import mqtt, { type MqttClient } from "mqtt";
import { metricDefinition } from "../../edge/core/metric-registry.js";

export interface MqttSensorSettings {
  url: string;
  deviceId: string;
  password: string;
  /** metric → starting value; each reading wanders a little from the last. */
  metrics: Record<string, number>;
  random: () => number;
  /** The device's contract topic for a leaf (broker/topics.ts `deviceTopic`, passed in: drivers know no broker). */
  topic: (leaf: "status" | "error" | "reading") => string;
}

/**
 * A networked sensor as device makers build one (DESIGN.md MQTT contract): logs in with its
 * own id and password, publishes `reading` at QoS 1 with a `msgId` so a resend is stored once,
 * and listens on its `error` topic for refusals.
 */
export class MqttSensorSimulator {
  private client: MqttClient | undefined;
  private seq = 0;
  private readonly values: Record<string, number>;

  constructor(private readonly settings: MqttSensorSettings) {
    this.values = { ...settings.metrics };
  }

  async connect(onRefusal: (reason: string) => void): Promise<void> {
    const client = await mqtt.connectAsync(this.settings.url, {
      username: this.settings.deviceId,
      password: this.settings.password,
      clientId: `sim-${this.settings.deviceId}`,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      will: { topic: this.topic("status"), payload: Buffer.from("offline"), qos: 1, retain: true },
    });
    this.client = client;
    client.on("message", (_topic, payload) => onRefusal(payload.toString()));
    await client.subscribeAsync(this.topic("error"), { qos: 1 });
    await client.publishAsync(this.topic("status"), "online", { qos: 1, retain: true });
  }

  /** Publish one reading; resolves once the station acknowledged it (it is on disk). */
  async publish(): Promise<Record<string, unknown>> {
    if (!this.client) throw new Error("not connected");
    for (const [name, value] of Object.entries(this.values)) {
      const def = metricDefinition(name);
      const span = def ? def.max - def.min : 1;
      const next = value + (this.settings.random() - 0.5) * span * 0.002;
      this.values[name] = Math.round((def ? Math.min(def.max, Math.max(def.min, next)) : next) * 100) / 100;
    }
    this.seq++;
    const body = { msgId: `${Date.now().toString(36)}-${this.seq}`, values: { ...this.values } };
    await this.client.publishAsync(this.topic("reading"), JSON.stringify(body), { qos: 1 });
    return body;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client
      .publishAsync(this.topic("status"), "offline", { qos: 1, retain: true })
      .catch(() => undefined);
    await client.endAsync();
  }

  private topic(leaf: "status" | "error" | "reading"): string {
    return this.settings.topic(leaf);
  }
}
