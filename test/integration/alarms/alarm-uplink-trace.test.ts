import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { apiClient, DAY_MS, seedTomatoFarm } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { aedesUpstream, type Upstream } from "../../helpers/uplink-upstream.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

describe("alarms upward and into the trace record", () => {
  it("the receiver gets raise, acknowledge and clear once each after an outage and a restart; the batch's trace page lists the alarm", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alarm-uplink-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // The receiver reads what reaches the upstream broker's publish hook over real TCP (a subscriber
    // on a restarted mosquitto can miss records while its persistent session is restored).
    const upstream: Upstream = await aedesUpstream();
    cleanups.push(() => upstream.close());
    const config = {
      station: { code: "ST07" },
      alarms: { rules: [{ id: "gh1-frost", preset: "greenhouse-frost", site: "gh1", forSec: 0 }] },
      uplink: {
        sinks: [
          {
            type: "mqtt",
            name: "up",
            url: `mqtt://127.0.0.1:${upstream.port}`,
            topic: "up/{station}/{stream}",
            connectTimeoutMs: 1000,
          },
        ],
        backoff: { initialMs: 100, maxMs: 500 },
      },
    };
    const dataDir = join(dir, "data");
    let station: KioskTestStation = await startKioskStation(config, dataDir);
    cleanups.push(() => station.stop());
    const api = apiClient(station.baseUrl);
    await seedTomatoFarm(api);
    const { body } = await api.kiosk("POST", "/api/batches", {
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: Date.now() - 20 * DAY_MS,
    });
    const lot = body.batch.lot as string;
    await waitFor(() => upstream.received.some((r) => r.kind === "batch.opened"), {
      what: "master data upstream",
      timeoutMs: 20_000,
    });

    // The upstream goes away for the night; the frost episode happens meanwhile.
    await upstream.stop();
    const secret = (await station.station.devices.add("th1", "sensor", "gh1")).secret;
    const th1: MqttClient = await connectDevice(station.mqttUrl, "th1", secret);
    const send = (v: number) =>
      th1.publishAsync("trace/v1/dev/th1/reading", JSON.stringify({ values: { air_temp: v } }), { qos: 1 });
    await send(1.2);
    await send(0.4);
    const [alarm] = (await api.get("/api/alarms")).body.alarms;
    expect(
      (await api.kiosk("POST", `/api/alarms/${alarm.id}/ack`, { name: "陈大姐", note: "盖了草苫" })).status,
    ).toBe(200);
    await send(3.4);
    await th1.endAsync();

    // The station restarts before the link comes back: the steps wait in the outbox on disk.
    await station.stop();
    station = await startKioskStation(config, dataDir);
    await upstream.start();
    const ids = [`alarm:${alarm.id}:raised`, `alarm:${alarm.id}:acknowledged`, `alarm:${alarm.id}:cleared`];
    await waitFor(() => ids.every((id) => upstream.received.some((r) => r.id === id)), {
      what: "alarm steps upstream",
      timeoutMs: 30_000,
    });
    await new Promise((r) => setTimeout(r, 500));
    const steps = upstream.received.filter((r) => r.stream === "alarms");
    expect(steps.map((r) => r.id)).toEqual(ids);
    expect(steps.map((r) => r.kind)).toEqual(["alarm.raised", "alarm.acknowledged", "alarm.cleared"]);

    // The batch grew through that frost: its trace record and public page say so, and who
    // acknowledged it stays in the record, not on the public page or its JSON.
    expect(station.station.domain.traceRecord(lot).alarms[0]).toMatchObject({
      ruleId: "gh1-frost",
      acknowledged: { actor: { name: "陈大姐" } },
    });
    const record = (await apiClient(station.baseUrl).get(`/api/trace/${lot}`)).body;
    expect(record.alarms).toHaveLength(1);
    expect(record.alarms[0]).toMatchObject({ ruleId: "gh1-frost", siteId: "gh1", acknowledged: true });
    expect(JSON.stringify(record)).not.toContain("陈大姐");
    const page = await (await fetch(`${station.baseUrl}/t/${lot}`)).text();
    expect(page).toContain("生产期间预警");
    expect(page).toContain("空气温度 1.2 °C，低于 2 °C");
    expect(page).toContain("1号温室");
    expect(page).toContain("已处理");
    expect(page).not.toContain("陈大姐");
  }, 90_000);
});
