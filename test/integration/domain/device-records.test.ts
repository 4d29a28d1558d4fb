import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDevice, nextMessage } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { removeDir, startTestStation, type TestStation } from "../../helpers/station.js";

/**
 * Device messages over real MQTT become domain records through the projections; domain
 * refusals reach the device on its error topic; readings reach the hourly rollups within the
 * derived write interval (edge/intake/derived-writes.ts).
 */
let t: TestStation;
const clients: MqttClient[] = [];

async function device(
  id: string,
  kind: "sensor" | "scale" | "scanner" | "tester" | "sprayer",
  site?: string,
) {
  const secret = await t.addDevice(id, kind);
  if (site) t.station.domain.master.placeDevice(id, site);
  const c = await connectDevice(t.mqttUrl, id, secret);
  await c.subscribeAsync(`trace/v1/dev/${id}/error`);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  // Anonymous clients may subscribe (read-only) to station topics.
  // Rollups written every second here (10 s by default), so the rollup test waits less.
  t = await startTestStation({ mqtt: { allowAnonymous: true }, store: { derivedWriteSeconds: 1 } });
  const d = t.station.domain;
  d.master.setSubject({ name: "绿源蔬菜专业合作社", kind: "producer", idNumber: "91350100M000100Y43" });
  d.master.putProduct({ id: "tomato", name: "番茄", category: "vegetables", crop: "番茄" });
  d.master.putSite({ id: "gh1", name: "1号温室", kind: "greenhouse" });
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await t.stop();
  removeDir(t.dataDir);
});

const count = (sql: string, ...args: unknown[]) =>
  (t.station.db.prepare(sql).get(...args) as { n: number }).n;

describe("input messages", () => {
  it("become input records with their outbox entry", async () => {
    const sprayer = await device("sprayer-1", "sprayer");
    const body = {
      msgId: "in-1",
      ts: "2026-05-01T08:00:00+08:00",
      site: "gh1",
      kind: "pesticide",
      name: "10%联苯菊酯乳油",
      regNo: "PD20080005",
      amount: 30,
      unit: "mL",
      intervalDays: 4,
      operator: "张三",
    };
    await sprayer.publishAsync("trace/v1/dev/sprayer-1/input", JSON.stringify(body), { qos: 1 });
    await waitFor(() => count("SELECT count(*) AS n FROM domain_inputs WHERE device_id = 'sprayer-1'") === 1);
    const [record] = t.station.domain.inputs.list();
    expect(record).toMatchObject({ siteId: "gh1", regNoStatus: "valid", intervalDays: 4, source: "device" });
    expect(count("SELECT count(*) AS n FROM outbox WHERE record_id = ?", `input:${record?.id}`)).toBe(1);
  });

  it.each([
    ["DOMAIN_UNKNOWN_SITE", { site: "nowhere", regNo: "PD20080005" }],
    ["DOMAIN_INVALID_REG_NO", { site: "gh1", regNo: "PD-12" }],
  ])("refuses with %s on the device's error topic", async (code, over) => {
    const sprayer = clients[0] as MqttClient;
    const error = nextMessage(sprayer, "trace/v1/dev/sprayer-1/error");
    const body = {
      kind: "pesticide",
      name: "x",
      amount: 1,
      unit: "mL",
      intervalDays: 1,
      operator: "a",
      ...over,
    };
    await sprayer.publishAsync("trace/v1/dev/sprayer-1/input", JSON.stringify(body), { qos: 1 });
    expect((await error).code).toBe(code);
    expect(count("SELECT count(*) AS n FROM dead_letters WHERE code = ?", code)).toBe(1);
  });
});

describe("test messages", () => {
  it("derive positive/negative from inhibition with the method's configured threshold", async () => {
    const tester = await device("tester-1", "tester");
    for (const [msgId, inhibition] of [
      ["t1", 62.5],
      ["t2", 12],
    ] as const) {
      const body = { msgId, sample: "番茄", method: "GB/T 5009.199-2003", inhibition, site: "gh1" };
      await tester.publishAsync("trace/v1/dev/tester-1/test", JSON.stringify(body), { qos: 1 });
    }
    await waitFor(() => count("SELECT count(*) AS n FROM domain_tests") === 2);
    const results = t.station.domain.tests
      .list()
      .map((x) => [x.inhibition, x.result, x.threshold])
      .sort();
    expect(results).toEqual([
      [12, "negative", 50],
      [62.5, "positive", 50],
    ]);
  });
});

describe("weight messages", () => {
  it("refuse a stable weight when no batch is selected; with one, weighings are no packages until the line takes one", async () => {
    const scale = await device("scale-1", "scale");
    const error = nextMessage(scale, "trace/v1/dev/scale-1/error");
    await scale.publishAsync(
      "trace/v1/dev/scale-1/weight",
      JSON.stringify({ net: 5.2, unit: "kg", stable: true }),
      {
        qos: 1,
      },
    );
    expect((await error).code).toBe("DOMAIN_NO_SCALE_SELECTION");

    const watcher = await connectDevice(t.mqttUrl);
    clients.push(watcher);
    await watcher.subscribeAsync("trace/v1/station/#");
    const packageEvent = nextMessage(watcher, "trace/v1/station/package");
    const opened = nextMessage(watcher, "trace/v1/station/batch/opened");
    const batch = t.station.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: 0 });
    expect((await opened).lot).toBe(batch.lot);
    t.station.domain.scales.select("scale-1", batch.lot);
    // The 5.2 kg placed before the batch was chosen is taken off first: it belongs to no batch.
    const weights = [
      { msgId: "w0", net: 0, unit: "kg", stable: true },
      { msgId: "w1", net: 5200, unit: "g", stable: true },
      { msgId: "w2", net: 4.8, unit: "kg", stable: false },
      { msgId: "w3", net: 4.9, unit: "kg", stable: true },
      { msgId: "w3", net: 4.9, unit: "kg", stable: true },
    ];
    for (const w of weights) {
      await scale.publishAsync("trace/v1/dev/scale-1/weight", JSON.stringify(w), { qos: 1 });
    }
    const line = t.station.lines.get("scale-1");
    await waitFor(() => line.view().weight.netKg === 4.9);
    // Stored weighings, and no package made from them by themselves.
    expect(t.station.domain.packages.forBatch(batch.lot)).toEqual([]);
    // The worker accepts what is on the pan (a no-label mode): that is the package.
    line.accept("test");
    expect((await packageEvent).serial).toBe(`${batch.lot}-001`);
    const packages = t.station.domain.packages.forBatch(batch.lot);
    expect(packages.map((p) => [p.seq, p.netKg, p.source, p.state])).toEqual([[1, 4.9, "scale", "accepted"]]);
    // The same carton cannot be taken twice.
    expect(() => line.accept("test")).toThrow(/already|已/);
  });
});

describe("scan messages", () => {
  it("keep a supplier code as an incoming-lot candidate and pass over the station's own codes", async () => {
    const scanner = await device("scanner-1", "scanner");
    const own = t.station.domain.batches.list()[0]?.lot as string;
    await scanner.publishAsync("trace/v1/dev/scanner-1/scan", JSON.stringify({ code: own }), { qos: 1 });
    const supplier = "https://id.example.cn/01/06901234567892/10/L2605";
    await scanner.publishAsync("trace/v1/dev/scanner-1/scan", JSON.stringify({ code: supplier }), { qos: 1 });
    await waitFor(() => t.station.domain.incoming.list().length === 1);
    expect(t.station.domain.incoming.list()[0]).toMatchObject({
      rawCode: supplier,
      codeKind: "gs1_digital_link",
      status: "candidate",
      deviceId: "scanner-1",
    });
  });
});

describe("hourly rollups", () => {
  it("reach the store within seconds: min, sum/count, max per device, metric and hour", async () => {
    const sensor = await device("air-1", "sensor", "gh1");
    const hour = Date.parse("2026-05-01T06:00:00Z");
    const values = [20, 22.5, 19, 25];
    for (const [i, v] of values.entries()) {
      const body = { msgId: `r${i}`, ts: hour + i * 60_000, values: { air_temp: v, air_rh: 60 + i } };
      await sensor.publishAsync("trace/v1/dev/air-1/reading", JSON.stringify(body), { qos: 1 });
    }
    // A resend of a stored message must not be counted twice.
    await sensor.publishAsync(
      "trace/v1/dev/air-1/reading",
      JSON.stringify({ msgId: "r0", ts: hour, values: { air_temp: 20, air_rh: 60 } }),
      { qos: 1 },
    );
    // Written within the interval (1 s here) once every stored message is behind the cursor:
    // a resend counted twice would show as 5.
    const db = t.station.db;
    await waitFor(
      () =>
        db.prepare("SELECT last_message_id FROM derived_cursor").pluck().get() ===
        db.prepare("SELECT max(id) FROM messages").pluck().get(),
      10_000,
    );
    const row = db
      .prepare(
        "SELECT count, sum, min, max FROM rollups_hourly WHERE device_id = 'air-1' AND metric = 'air_temp' AND hour = ?",
      )
      .get(hour);
    expect(row).toEqual({ count: 4, sum: 86.5, min: 19, max: 25 });
    const summary = t.station.domain.environment.summaries(["gh1"], hour, hour + 3_600_000);
    expect(summary.find((s) => s.metric === "air_temp")).toMatchObject({
      min: 19,
      max: 25,
      mean: 21.625,
      count: 4,
    });
  });
});
