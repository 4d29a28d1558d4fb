import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { startTestStation, type TestStation } from "../../helpers/station.js";

let t: TestStation;
let passA: string;

beforeAll(async () => {
  t = await startTestStation();
  passA = await t.addDevice("sensor-a");
  await t.addDevice("sensor-b");
});
afterAll(() => t.stop());

const storedCount = () =>
  (t.station.db.prepare("SELECT count(*) AS n FROM messages").get() as { n: number }).n;

describe("broker security over real TCP", () => {
  it("refuses anonymous clients by default", async () => {
    await expect(connectDevice(t.mqttUrl)).rejects.toThrow(/Bad username or password|Not authorized/);
  });

  it("refuses a wrong password and an unknown device", async () => {
    await expect(connectDevice(t.mqttUrl, "sensor-a", "wrong")).rejects.toThrow(/Bad username or password/);
    await expect(connectDevice(t.mqttUrl, "nobody", passA)).rejects.toThrow(/Bad username or password/);
  });

  it("drops device A when it publishes on device B's topic and stores nothing", async () => {
    const before = storedCount();
    const a = await connectDevice(t.mqttUrl, "sensor-a", passA);
    const closed = new Promise<void>((resolve) => a.once("close", () => resolve()));
    a.publish("trace/v1/dev/sensor-b/reading", JSON.stringify({ values: { air_temp: 20 } }), { qos: 1 });
    await closed;
    a.end(true);
    expect(storedCount()).toBe(before);
    expect(t.station.broker.aclDenied.publish).toBeGreaterThan(0);
  });

  it("does not let a device publish its own error or command topics", async () => {
    const a = await connectDevice(t.mqttUrl, "sensor-a", passA);
    const closed = new Promise<void>((resolve) => a.once("close", () => resolve()));
    a.publish("trace/v1/dev/sensor-a/cmd/tare", "{}", { qos: 1 });
    await closed;
    a.end(true);
  });

  it("grants a device its own cmd/ and error topics and nothing else", async () => {
    const a = await connectDevice(t.mqttUrl, "sensor-a", passA);
    const grant = async (topic: string) => {
      try {
        return (await a.subscribeAsync(topic))[0]?.qos;
      } catch {
        return 128; // mqtt.js rejects a SUBACK with the failure code 0x80
      }
    };
    expect(await grant("trace/v1/dev/sensor-a/cmd/#")).toBe(0);
    expect(await grant("trace/v1/dev/sensor-a/error")).toBe(0);
    expect(await grant("trace/v1/dev/sensor-b/cmd/#")).toBe(128);
    expect(await grant("trace/v1/#")).toBe(128);
    expect(a.connected).toBe(true);
    await a.endAsync();
  });

  it("stores a good QoS 1 message before acknowledging it", async () => {
    const a = await connectDevice(t.mqttUrl, "sensor-a", passA);
    await a.publishAsync(
      "trace/v1/dev/sensor-a/reading",
      JSON.stringify({ msgId: "p1", values: { air_rh: 55 } }),
      {
        qos: 1,
      },
    );
    // The PUBACK has arrived, so the row must already be committed.
    const row = t.station.db
      .prepare("SELECT payload FROM messages WHERE device_id = ? AND msg_id = ?")
      .get("sensor-a", "p1");
    expect(row).toBeDefined();
    await a.endAsync();
  });

  it("marks a device online while connected and offline after", async () => {
    const online = () =>
      (t.station.db.prepare("SELECT online FROM devices WHERE id = 'sensor-a'").get() as { online: number })
        .online;
    const a = await connectDevice(t.mqttUrl, "sensor-a", passA);
    await waitFor(() => online() === 1);
    await a.endAsync();
    await waitFor(() => online() === 0);
  });
});
