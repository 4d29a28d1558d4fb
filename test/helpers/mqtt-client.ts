import mqtt, { type MqttClient } from "mqtt";

/** A device connecting like real firmware: no automatic reconnect, so a refusal stays visible. */
export function connectDevice(url: string, username?: string, password?: string): Promise<MqttClient> {
  return mqtt.connectAsync(url, {
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
}

/** Resolve with the next message on `topic` (already subscribed), or reject after `ms`. */
export function nextMessage(
  client: MqttClient,
  topic: string,
  ms = 10_000,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message on ${topic} within ${ms} ms`)), ms);
    const onMessage = (t: string, payload: Buffer) => {
      if (t !== topic) return;
      clearTimeout(timer);
      client.off("message", onMessage);
      resolve(JSON.parse(payload.toString()) as Record<string, unknown>);
    };
    client.on("message", onMessage);
  });
}
