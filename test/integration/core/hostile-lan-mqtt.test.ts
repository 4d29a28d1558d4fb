import { connect as connectTcp } from "node:net";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliSync } from "../../helpers/cli.js";
import { connectDevice, nextMessage } from "../../helpers/mqtt-client.js";
import { floodFromChild } from "../../helpers/mqtt-flood.js";
import { waitFor } from "../../helpers/poll.js";
import { startTestStation, type TestStation } from "../../helpers/station.js";

/**
 * Issue 12, a station on a hostile LAN: revocation, client ids, packet sizes, per-device
 * limits, over real TCP on 127.0.0.1 with real MQTT clients. Loops are bounded in count and time.
 */
let t: TestStation;
const clients: MqttClient[] = [];

const connectAs = (username: string, password: string, clientId: string): Promise<MqttClient> =>
  mqtt.connectAsync(t.mqttUrl, { username, password, clientId, reconnectPeriod: 0, connectTimeout: 5000 });

const stored = (device: string): number =>
  (
    t.station.db.prepare("SELECT count(*) AS n FROM messages WHERE device_id = ?").get(device) as {
      n: number;
    }
  ).n;

const closed = (c: MqttClient): Promise<number> => {
  const start = Date.now();
  return new Promise((resolve) => c.once("close", () => resolve(Date.now() - start)));
};

beforeAll(async () => {
  t = await startTestStation({
    mqtt: {
      limits: { messagesPerSecond: 50, burst: 100, strikes: 50, retainedMessages: 4, subscriptions: 6 },
    },
  });
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await t.stop();
});

describe("revocation closes open sessions at once", () => {
  it("disconnects a device within 1 s of `device remove` in another process", async () => {
    const pass = await t.addDevice("rev-remove");
    const c = await connectDevice(t.mqttUrl, "rev-remove", pass);
    clients.push(c);
    const gone = closed(c);
    const out = runCliSync(["device", "remove", "rev-remove", "--data", t.dataDir]);
    expect(out.status, out.stderr).toBe(0);
    const started = Date.now();
    await gone;
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(connectDevice(t.mqttUrl, "rev-remove", pass)).rejects.toThrow();
  });

  it("disconnects a device within 1 s of a secret reset; the old secret no longer logs in", async () => {
    const pass = await t.addDevice("rev-reset");
    const c = await connectDevice(t.mqttUrl, "rev-reset", pass);
    clients.push(c);
    await c.publishAsync("trace/v1/dev/rev-reset/reading", JSON.stringify({ values: { air_temp: 20 } }), {
      qos: 1,
    });
    const gone = closed(c);
    const out = runCliSync(["device", "reset", "rev-reset", "--json", "--data", t.dataDir]);
    expect(out.status, out.stderr).toBe(0);
    const started = Date.now();
    await gone;
    expect(Date.now() - started).toBeLessThan(1000);
    const before = stored("rev-reset");
    await expect(connectDevice(t.mqttUrl, "rev-reset", pass)).rejects.toThrow(/Bad username or password/);
    const fresh = JSON.parse(out.stdout) as { password: string };
    const again = await connectDevice(t.mqttUrl, "rev-reset", fresh.password);
    clients.push(again);
    expect(stored("rev-reset")).toBe(before);
    expect(t.station.broker.refusals.get("MQTT_REVOKED")).toBeGreaterThanOrEqual(2);
  });

  it("a reset made through the station itself (kiosk) is seen at once", async () => {
    const pass = await t.addDevice("rev-kiosk");
    const c = await connectDevice(t.mqttUrl, "rev-kiosk", pass);
    const gone = closed(c);
    await t.station.devices.resetSecret("rev-kiosk");
    const started = Date.now();
    await gone;
    // Told at once by the registry (no poll): the close follows the reset's own scrypt.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(t.station.broker.refusals.get("MQTT_REVOKED")).toBeGreaterThanOrEqual(3);
  });
});

describe("client ids are bound to device identities", () => {
  it("refuses another device claiming a client id and leaves the original session up", async () => {
    const passA = await t.addDevice("cid-a");
    const passB = await t.addDevice("cid-b");
    const a = await connectAs("cid-a", passA, "cid-a");
    clients.push(a);
    let aClosed = false;
    a.on("close", () => {
      aClosed = true;
    });
    for (let i = 0; i < 3; i++) {
      await expect(connectAs("cid-b", passB, "cid-a")).rejects.toThrow(/Identifier rejected/i);
      await expect(connectAs("cid-b", passB, "cid-a.backup")).rejects.toThrow(/Identifier rejected/i);
    }
    // Same random-looking id for both: each is kept in its own device's namespace.
    const a2 = await connectAs("cid-a", passA, "esp32");
    const b2 = await connectAs("cid-b", passB, "esp32");
    clients.push(a2, b2);
    await new Promise((r) => setTimeout(r, 200));
    expect(a2.connected && b2.connected).toBe(true);
    expect(aClosed).toBe(false);
    await a.publishAsync("trace/v1/dev/cid-a/reading", JSON.stringify({ values: { air_temp: 21 } }), {
      qos: 1,
    });
    expect(a.connected).toBe(true);
    expect(t.station.broker.refusals.get("MQTT_CLIENT_ID_TAKEN")).toBeGreaterThanOrEqual(6);
    const metrics = (await t.station.http.app.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toMatch(/^trace_station_mqtt_refusals\{code="MQTT_CLIENT_ID_TAKEN"\} [1-9]/m);
  });
});

describe("packets are bounded before and after login", () => {
  it("four sockets announcing 200 MB CONNECTs are cut off; RSS stays within 20 MB", async () => {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    const remaining = 200 * 1024 * 1024;
    const header = Buffer.from([
      0x10,
      (remaining & 0x7f) | 0x80,
      ((remaining >> 7) & 0x7f) | 0x80,
      ((remaining >> 14) & 0x7f) | 0x80,
      (remaining >> 21) & 0x7f,
    ]);
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    const port = t.station.ports.mqtt as number;
    const results = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<number>((resolve) => {
            let sent = 0;
            const s = connectTcp(port, "127.0.0.1", () => {
              s.write(header);
              const pump = () => {
                while (sent < 200 && s.write(chunk)) sent++;
                if (sent < 200) s.once("drain", pump);
              };
              pump();
            });
            s.on("error", () => {});
            s.on("close", () => resolve(sent));
          }),
      ),
    );
    for (const sent of results) expect(sent).toBeLessThan(200);
    expect(process.memoryUsage().rss - baseline).toBeLessThan(20 * 1024 * 1024);
    expect(t.station.broker.refusals.get("MQTT_PACKET_TOO_LARGE")).toBeGreaterThanOrEqual(4);
  });

  it("closes a logged-in device that announces a packet far over the payload limit", async () => {
    const pass = await t.addDevice("big-1");
    const c = await connectDevice(t.mqttUrl, "big-1", pass);
    const gone = closed(c);
    c.publish("trace/v1/dev/big-1/reading", Buffer.alloc(1024 * 1024, 0x20), { qos: 0 });
    await gone;
    expect(stored("big-1")).toBe(0);
  });
});

describe("per-device limits", () => {
  it("limits a flooding device while another device keeps its PUBACK times and all its messages are stored", async () => {
    const passF = await t.addDevice("flood-1");
    const passG = await t.addDevice("good-1");
    const good = await connectDevice(t.mqttUrl, "good-1", passG);
    clients.push(good);
    const pubackTimes = async (n: number, prefix: string): Promise<number> => {
      const latencies: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        await good.publishAsync(
          "trace/v1/dev/good-1/reading",
          JSON.stringify({ msgId: `${prefix}${i}`, values: { air_temp: 20 } }),
          { qos: 1 },
        );
        latencies.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 5));
      }
      latencies.sort((x, y) => x - y);
      return latencies[Math.ceil(n * 0.99) - 1] as number;
    };
    // The same box runs other work: the flood is judged against this device's quiet p99.
    const quiet = await pubackTimes(100, "q");
    const flooding = floodFromChild(t.mqttUrl, "flood-1", passF, "trace/v1/dev/flood-1/reading", 3000);
    await waitFor(() => stored("flood-1") > 0, 5000);
    const measuring = pubackTimes(200, "g");
    const { sent, disconnected } = await flooding;
    // Kept out for a while after the disconnect.
    await expect(connectDevice(t.mqttUrl, "flood-1", passF)).rejects.toThrow(/Not authorized/);
    const loaded = await measuring;
    // The absolute figure (p99 < 100 ms) is measured by `npm run bench flood`.
    expect(loaded).toBeLessThan(Math.max(100, 2 * quiet + 20));
    expect(stored("good-1")).toBe(300);
    // burst 100 + 50/s over ~3–5 s: far below what was sent.
    expect(stored("flood-1")).toBeLessThan(500);
    expect(sent).toBeGreaterThan(stored("flood-1"));
    expect(t.station.broker.refusals.get("MQTT_RATE_LIMITED")).toBeGreaterThan(0);
    expect(disconnected).toBe(true);
    expect(t.station.broker.refusals.get("MQTT_LIMIT_DISCONNECT")).toBeGreaterThan(0);
  });

  it("retains only accepted messages, within the count limit, with a coded notice", async () => {
    const pass = await t.addDevice("ret-1");
    const c = await connectDevice(t.mqttUrl, "ret-1", pass);
    clients.push(c);
    await c.subscribeAsync("trace/v1/dev/ret-1/error");
    const notice = nextMessage(c, "trace/v1/dev/ret-1/error");
    const good = JSON.stringify({ values: { air_temp: 20 } });
    for (let i = 0; i < 10; i++) {
      await c.publishAsync(`trace/v1/dev/ret-1/reading/r${i}`, good, { qos: 1, retain: true });
    }
    // Refused by the intake (unknown metric): never retained.
    await c.publishAsync("trace/v1/dev/ret-1/reading/bad", JSON.stringify({ values: { nope: 1 } }), {
      qos: 1,
      retain: true,
    });
    const topics: string[] = [];
    const persistence = (
      t.station.broker.aedes as unknown as {
        persistence: { createRetainedStream(pattern: string): AsyncIterable<unknown> };
      }
    ).persistence;
    for await (const packet of persistence.createRetainedStream("trace/v1/dev/ret-1/#")) {
      topics.push((packet as { topic: string }).topic);
    }
    expect(topics.length).toBe(4);
    expect(topics).not.toContain("trace/v1/dev/ret-1/reading/bad");
    expect((await notice).code).toBe("MQTT_RETAINED_LIMIT");
    expect(stored("ret-1")).toBe(10);
  });

  it("grants subscriptions up to the limit, then refuses with a coded notice", async () => {
    const pass = await t.addDevice("sub-1");
    const c = await connectDevice(t.mqttUrl, "sub-1", pass);
    clients.push(c);
    await c.subscribeAsync("trace/v1/dev/sub-1/error");
    const notice = nextMessage(c, "trace/v1/dev/sub-1/error");
    const granted: number[] = [];
    for (let i = 0; i < 12; i++) {
      try {
        granted.push((await c.subscribeAsync(`trace/v1/dev/sub-1/cmd/x${i}`))[0]?.qos ?? -1);
      } catch {
        granted.push(128);
      }
    }
    expect(granted.filter((q) => q === 0).length).toBe(5);
    expect(granted.slice(5).every((q) => q === 128)).toBe(true);
    expect((await notice).code).toBe("MQTT_SUBSCRIPTIONS_LIMIT");
  });
});

describe("refusal rows are bounded per device", () => {
  it("a device sending only bad messages is cut off after its refusals per minute; rows stay bounded", async () => {
    const local = await startTestStation({ mqtt: { limits: { refusalsPerMinute: 10 } } });
    try {
      const pass = await local.addDevice("bad-1");
      const c = await connectDevice(local.mqttUrl, "bad-1", pass);
      const gone = closed(c);
      let acked = 0;
      for (let i = 0; i < 100 && c.connected; i++) {
        // The publish cut off by the disconnect is never acknowledged: do not wait on it.
        await Promise.race([
          c
            .publishAsync("trace/v1/dev/bad-1/reading", "{not json", { qos: 1 })
            .then(() => acked++)
            .catch(() => undefined),
          gone,
        ]);
      }
      await gone;
      c.end(true);
      const rows = (
        local.station.db
          .prepare("SELECT count(*) AS n FROM dead_letters WHERE device_id = 'bad-1'")
          .get() as {
          n: number;
        }
      ).n;
      expect(rows).toBeGreaterThanOrEqual(10);
      expect(rows).toBeLessThanOrEqual(12);
      expect(acked).toBe(rows);
      expect(local.station.broker.refusals.get("MQTT_REFUSALS_LIMIT")).toBe(1);
    } finally {
      await local.stop();
    }
  });
});

describe("hygiene on the wire", () => {
  it("refuses a topic with a null byte with a code and stores nothing", async () => {
    const pass = await t.addDevice("nul-1");
    const c = await connectDevice(t.mqttUrl, "nul-1", pass);
    const gone = closed(c);
    c.publish("trace/v1/dev/nul-1/reading\u0000x", JSON.stringify({ values: { air_temp: 20 } }), { qos: 1 });
    await gone;
    expect(stored("nul-1")).toBe(0);
    expect(t.station.broker.refusals.get("MQTT_TOPIC_INVALID")).toBeGreaterThan(0);
  });

  it("refuses an MQTT 5 client clearly and counts the code", async () => {
    const pass = await t.addDevice("v5-1");
    await expect(
      mqtt.connectAsync(t.mqttUrl, {
        username: "v5-1",
        password: pass,
        protocolVersion: 5,
        reconnectPeriod: 0,
        connectTimeout: 3000,
      }),
    ).rejects.toThrow();
    expect(t.station.broker.refusals.get("MQTT_PROTOCOL_UNSUPPORTED")).toBe(1);
  });
});
