import type { MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { apiClient } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { removeDir } from "../../helpers/station.js";

const T0 = Date.parse("2026-11-20T02:00:00Z");
const S = 1000;

let test: KioskTestStation | undefined;
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.endAsync();
  await test?.stop();
  if (test) removeDir(test.dataDir);
  test = undefined;
});

async function device(id: string, site: string | null): Promise<MqttClient> {
  if (!test) throw new Error("no station");
  const secret = (await test.station.devices.add(id, "sensor", site)).secret;
  const client = await connectDevice(test.mqttUrl, id, secret);
  clients.push(client);
  return client;
}

const reading = (client: MqttClient, id: string, ts: number, values: Record<string, number>) =>
  client.publishAsync(`trace/v1/dev/${id}/reading`, JSON.stringify({ ts, values }), { qos: 1 });

function outboxKinds(t: KioskTestStation): string[] {
  const rows = t.station.db
    .prepare("SELECT record_id FROM outbox WHERE stream = 'alarms' ORDER BY id")
    .all() as Array<{ record_id: string }>;
  return rows.map((r) => r.record_id);
}

describe("early warning through a running station", () => {
  it("a below-for-duration rule raises once per episode, clears with hysteresis, raises again; ack records the person", async () => {
    test = await startKioskStation({
      alarms: { rules: [{ id: "pond-do", preset: "trout-oxygen-low", site: "pond1", forSec: 60 }] },
    });
    const api = apiClient(test.baseUrl);
    const do1 = await device("do1", "pond1");
    const other = await device("do9", "pond9");

    await reading(do1, "do1", T0, { dissolved_oxygen: 7.1 });
    await reading(do1, "do1", T0 + 10 * S, { dissolved_oxygen: 4.8 });
    await reading(do1, "do1", T0 + 40 * S, { dissolved_oxygen: 4.7 });
    // Another pond's sensor is not watched by this rule.
    await reading(other, "do9", T0 + 40 * S, { dissolved_oxygen: 1 });
    await reading(other, "do9", T0 + 400 * S, { dissolved_oxygen: 1 });
    expect((await api.get("/api/alarms")).body.alarms).toHaveLength(0);

    await reading(do1, "do1", T0 + 70 * S, { dissolved_oxygen: 4.6 });
    await reading(do1, "do1", T0 + 80 * S, { dissolved_oxygen: 4.2 });
    let open = (await api.get("/api/alarms")).body.alarms;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      ruleId: "pond-do",
      deviceId: "do1",
      siteId: "pond1",
      metric: "dissolved_oxygen",
      state: "raised",
      value: 4.6,
      since: T0 + 10 * S,
      raisedAt: T0 + 70 * S,
      severity: "critical",
    });

    // Inside the hysteresis band (5.0 … 5.5) the alarm stays; past it, it clears.
    await reading(do1, "do1", T0 + 90 * S, { dissolved_oxygen: 5.3 });
    expect((await api.get("/api/alarms")).body.alarms).toHaveLength(1);
    await reading(do1, "do1", T0 + 100 * S, { dissolved_oxygen: 5.6 });
    expect((await api.get("/api/alarms")).body.alarms).toHaveLength(0);

    // The next night: a new episode, a new alarm.
    await reading(do1, "do1", T0 + 200 * S, { dissolved_oxygen: 4.0 });
    await reading(do1, "do1", T0 + 270 * S, { dissolved_oxygen: 3.9 });
    open = (await api.get("/api/alarms")).body.alarms;
    expect(open).toHaveLength(1);
    const second = open[0].id as number;

    const unnamed = await api.kiosk("POST", `/api/alarms/${second}/ack`, { name: "  ", note: "" });
    expect(unnamed.status).toBe(400);
    const anonymous = await api.raw(
      "POST",
      `/api/alarms/${second}/ack`,
      { name: "王师傅" },
      { "content-type": "application/json" },
    );
    expect(anonymous.status).toBe(401);
    const acked = await api.kiosk("POST", `/api/alarms/${second}/ack`, {
      name: "王师傅",
      note: "已开增氧机",
    });
    expect(acked.status).toBe(200);
    expect(acked.body.alarm).toMatchObject({
      state: "acknowledged",
      acknowledged: { actor: { via: "kiosk-pin", name: "王师傅" }, note: "已开增氧机" },
    });
    const again = await api.admin("POST", `/api/alarms/${second}/ack`, { name: "李站长" });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe("ALARM_ALREADY_ACKNOWLEDGED");

    await reading(do1, "do1", T0 + 300 * S, { dissolved_oxygen: 8 });
    const all = (await api.get("/api/alarms?state=all")).body.alarms;
    expect(all.map((a: { state: string }) => a.state)).toEqual(["cleared", "cleared"]);
    expect(outboxKinds(test)).toEqual([
      "alarm:1:raised",
      "alarm:1:cleared",
      `alarm:${second}:raised`,
      `alarm:${second}:acknowledged`,
      `alarm:${second}:cleared`,
    ]);
    const metrics = await (await fetch(`${test.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/trace_station_alarm_rules 1/);
    expect(metrics).toMatch(/trace_station_alarms_open\{severity="critical",acknowledged="false"\} 0/);
  });

  it("a silent-sensor rule raises when the sensor stops and clears when it is back", async () => {
    test = await startKioskStation({
      alarms: {
        silentCheckSec: 1,
        rules: [{ id: "gh-silent", kind: "silent", metric: "air_temp", device: "th1", silentSec: 5 }],
      },
    });
    const api = apiClient(test.baseUrl);
    const th1 = await device("th1", "gh1");
    await reading(th1, "th1", Date.now(), { air_temp: 12 });
    await new Promise((r) => setTimeout(r, 2500));
    await reading(th1, "th1", Date.now(), { air_temp: 12.1 });
    expect((await api.get("/api/alarms")).body.alarms).toHaveLength(0);
    await waitFor(async () => (await api.get("/api/alarms")).body.alarms.length === 1, 10_000, 200);
    const [alarm] = (await api.get("/api/alarms")).body.alarms;
    expect(alarm).toMatchObject({ ruleId: "gh-silent", deviceId: "th1", kind: "silent", value: null });
    await reading(th1, "th1", Date.now(), { air_temp: 12.2 });
    expect((await api.get("/api/alarms")).body.alarms).toHaveLength(0);
  }, 20_000);
});
