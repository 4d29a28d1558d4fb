import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliSync } from "../../helpers/cli.js";
import { connectDevice, nextMessage } from "../../helpers/mqtt-client.js";
import { startTestStation, type TestStation } from "../../helpers/station.js";

let t: TestStation;
let device: MqttClient;
const ERROR_TOPIC = "trace/v1/dev/probe-1/error";

beforeAll(async () => {
  t = await startTestStation({ mqtt: { maxPayloadBytes: 1024 } });
  const password = await t.addDevice("probe-1");
  device = await connectDevice(t.mqttUrl, "probe-1", password);
  await device.subscribeAsync(ERROR_TOPIC);
});
afterAll(async () => {
  await device.endAsync();
  await t.stop();
});

const cases: Array<[code: string, topic: string, payload: string | Buffer]> = [
  ["INTAKE_BAD_JSON", "reading", '{"values": {"air_temp": 2'],
  ["INTAKE_UNKNOWN_METRIC", "reading", JSON.stringify({ values: { air_tmp: 21 } })],
  ["INTAKE_OUT_OF_RANGE", "reading", JSON.stringify({ values: { air_rh: 610 } })],
  ["INTAKE_MISSING_FIELD", "weight", JSON.stringify({ net: 2.5, stable: true })],
  ["INTAKE_TOO_LARGE", "reading", JSON.stringify({ values: { co2: 400 }, note: "x".repeat(2000) })],
  [
    "INTAKE_BAD_UTF8",
    "scan",
    Buffer.concat([Buffer.from('{"code":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
  ],
  ["INTAKE_UNKNOWN_TOPIC", "humidity", JSON.stringify({ value: 3 })],
];

describe("refusals keep the device connected and lose nothing else", () => {
  it.each(cases)(
    "%s: code on the error topic, a dead letter, and the connection goes on",
    async (code, leaf, payload) => {
      const error = nextMessage(device, ERROR_TOPIC);
      await device.publishAsync(`trace/v1/dev/probe-1/${leaf}`, payload, { qos: 1 });
      const notice = await error;
      expect(notice.code).toBe(code);
      expect(String(notice.reason).length).toBeGreaterThan(3);
      expect(notice.topic).toBe(`trace/v1/dev/probe-1/${leaf}`);

      const dead = t.station.db
        .prepare("SELECT code FROM dead_letters WHERE device_id = 'probe-1' ORDER BY id DESC LIMIT 1")
        .get() as { code: string };
      expect(dead.code).toBe(code);

      // The same connection still works: a good message after the bad one is stored.
      const msgId = `after-${code}`;
      await device.publishAsync(
        "trace/v1/dev/probe-1/reading",
        JSON.stringify({ msgId, values: { air_temp: 20.5 } }),
        {
          qos: 1,
        },
      );
      expect(device.connected).toBe(true);
      const stored = t.station.db
        .prepare("SELECT 1 FROM messages WHERE device_id = 'probe-1' AND msg_id = ?")
        .get(msgId);
      expect(stored).toBeDefined();
    },
  );

  it("lists every refusal with code and reason in `rejects`, while the station runs", () => {
    const out = runCliSync(["rejects", "--device", "probe-1", "--json", "--data", t.dataDir]);
    expect(out.status, out.stderr).toBe(0);
    const rows = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { code: string; reason: string; remedy: string });
    expect(rows.map((r) => r.code)).toEqual(cases.map(([code]) => code));
    for (const r of rows) {
      expect(r.reason).toBeTruthy();
      expect(r.remedy).toBeTruthy();
    }
  });

  it("stores a resent message once: (device, msgId) is unique", async () => {
    const body = JSON.stringify({ msgId: "dup-1", values: { soil_moisture: 31.5 } });
    await device.publishAsync("trace/v1/dev/probe-1/reading", body, { qos: 1 });
    await device.publishAsync("trace/v1/dev/probe-1/reading", body, { qos: 1 });
    const n = t.station.db
      .prepare("SELECT count(*) AS n FROM messages WHERE device_id = 'probe-1' AND msg_id = 'dup-1'")
      .get() as { n: number };
    expect(n.n).toBe(1);
  });
});
