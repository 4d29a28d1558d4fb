import { join } from "node:path";
import type { MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { apiClient } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { removeDir, tempDir } from "../../helpers/station.js";

let test: KioskTestStation | undefined;
let dir = "";
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.endAsync(true);
  await test?.stop();
  removeDir(dir);
  test = undefined;
});

async function device(
  t: KioskTestStation,
  id: string,
  site: string | null,
  secret?: string,
): Promise<MqttClient> {
  const password = secret ?? (await t.station.devices.add(id, "sensor", site)).secret;
  const client = await connectDevice(t.mqttUrl, id, password);
  clients.push(client);
  return client;
}

describe("alarm rules through the API, and actions across a restart", () => {
  it("an admin adds a rule that judges the next reading, survives a restart, and is removed with its open alarm cleared", async () => {
    dir = tempDir("alarm-rules-api");
    const dataDir = join(dir, "data");
    test = await startKioskStation({}, dataDir);
    const api = apiClient(test.baseUrl);
    const rule = { id: "pen3-h2s", preset: "barn-h2s-high", site: "pen3", forSec: 0 };
    expect((await api.kiosk("POST", "/api/alarm-rules", rule)).status).toBe(403);
    const bad = await api.admin("POST", "/api/alarm-rules", { id: "bad", kind: "rate", metric: "h2s" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("ALARM_RULE_INVALID");
    expect(bad.body.error.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("give a site or a device"),
        expect.stringContaining("rate rule needs windowSec"),
      ]),
    );
    const added = await api.admin("POST", "/api/alarm-rules", rule);
    expect(added.status).toBe(201);
    expect(added.body.rule).toMatchObject({
      id: "pen3-h2s",
      metric: "h2s",
      kind: "above",
      threshold: 7,
      origin: "api",
    });
    expect((await api.admin("POST", "/api/alarm-rules", rule)).status).toBe(409);
    expect((await api.get("/api/alarm-presets")).body.presets.length).toBeGreaterThanOrEqual(9);

    const secret = (await test.station.devices.add("gas3", "sensor", "pen3")).secret;
    let gas = await device(test, "gas3", "pen3", secret);
    await gas.publishAsync("trace/v1/dev/gas3/reading", JSON.stringify({ values: { h2s: 12 } }), { qos: 1 });
    expect((await api.get("/api/alarms")).body.alarms).toHaveLength(1);

    // After a restart the rule is still in force and the open alarm is not raised a second time.
    for (const c of clients.splice(0)) await c.endAsync(true);
    await test.stop();
    test = await startKioskStation({}, dataDir);
    const api2 = apiClient(test.baseUrl);
    expect((await api2.get("/api/alarm-rules")).body.rules.map((r: { id: string }) => r.id)).toEqual([
      "pen3-h2s",
    ]);
    gas = await device(test, "gas3", "pen3", secret);
    await gas.publishAsync("trace/v1/dev/gas3/reading", JSON.stringify({ values: { h2s: 13 } }), { qos: 1 });
    expect((await api2.get("/api/alarms?state=all")).body.alarms).toHaveLength(1);

    expect((await api2.admin("DELETE", "/api/alarm-rules/pen3-h2s")).status).toBe(204);
    const [closed] = (await api2.get("/api/alarms?state=all")).body.alarms;
    expect(closed.state).toBe("cleared");
    await gas.publishAsync("trace/v1/dev/gas3/reading", JSON.stringify({ values: { h2s: 14 } }), { qos: 1 });
    expect((await api2.get("/api/alarms?state=all")).body.alarms).toHaveLength(1);
  }, 30_000);

  it("a command is sent at most once: after a restart the unanswered one is recorded as no_ack and never resent", async () => {
    dir = tempDir("alarm-action-restart");
    const dataDir = join(dir, "data");
    const config = {
      alarms: {
        rules: [
          {
            id: "pond-do",
            preset: "trout-oxygen-low",
            site: "pond1",
            forSec: 0,
            action: { device: "aer1", command: "aerator", payload: { on: true }, ackTimeoutSec: 2 },
          },
        ],
      },
    };
    test = await startKioskStation(config, dataDir);
    const aerSecret = (await test.station.devices.add("aer1", "sensor", "pond1")).secret;
    let commands = 0;
    const listen = async (t: KioskTestStation) => {
      const aer = await device(t, "aer1", null, aerSecret);
      aer.on("message", () => {
        commands += 1;
      });
      await aer.subscribeAsync("trace/v1/dev/aer1/cmd/#", { qos: 1 });
      await waitFor(() => t.station.devices.get("aer1")?.online === true);
    };
    await listen(test);
    const do1 = await device(test, "do1", "pond1");
    await do1.publishAsync("trace/v1/dev/do1/reading", JSON.stringify({ values: { dissolved_oxygen: 2 } }), {
      qos: 1,
    });
    await waitFor(() => commands === 1);
    for (const c of clients.splice(0)) await c.endAsync(true);
    await test.stop();

    await new Promise((r) => setTimeout(r, 2500));
    test = await startKioskStation(config, dataDir);
    const t = test;
    await listen(t);
    await waitFor(() => t.station.alarms.store.get(1)?.action?.state === "no_ack", 5000);
    await new Promise((r) => setTimeout(r, 500));
    expect(commands).toBe(1);
    const steps = t.station.db
      .prepare("SELECT record_id FROM outbox WHERE stream = 'alarms' ORDER BY id")
      .all()
      .map((r) => (r as { record_id: string }).record_id);
    expect(steps).toEqual(["alarm:1:raised", "alarm:1:action"]);
  }, 30_000);
});
