import mqtt from "mqtt";
import { createStation } from "../../edge/app.js";
import { validateConfig } from "../../edge/config/load.js";
import { silentLogger } from "../../edge/core/logger.js";
import { floodFromChild } from "../helpers/mqtt-flood.js";
import { removeDir, tempDir } from "../helpers/station.js";

/**
 * Flood benchmark (issue 12): one device floods QoS 0 from its own process while another
 * publishes QoS 1 readings one by one. Target: the good device's PUBACK p99 stays under
 * 100 ms during the flood and every one of its messages is stored. Quiet p99 is measured in
 * the same run, because the machines are shared.
 */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * q) - 1] as number;

export async function run(): Promise<void> {
  const dataDir = tempDir("bench-flood");
  const station = createStation(
    validateConfig({
      dataDir,
      mqtt: { port: 0, host: "127.0.0.1" },
      http: { port: 0 },
      demo: { enabled: false },
    }),
    { logger: silentLogger() },
  );
  await station.start();
  const url = `mqtt://127.0.0.1:${station.ports.mqtt}`;
  const good = (await station.devices.add("good", "sensor", null)).secret;
  const bad = (await station.devices.add("flood", "sensor", null)).secret;
  const client = await mqtt.connectAsync(url, { username: "good", password: good, reconnectPeriod: 0 });
  const times = async (prefix: string): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const start = performance.now();
      await client.publishAsync(
        "trace/v1/dev/good/reading",
        JSON.stringify({ msgId: `${prefix}${i}`, values: { air_temp: 20 } }),
        { qos: 1 },
      );
      out.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 5));
    }
    return out;
  };
  const quiet = await times("q");
  const flood = floodFromChild(url, "flood", bad, "trace/v1/dev/flood/reading", 5000);
  const loaded = await times("f");
  const { sent } = await flood;
  const count = (device: string) =>
    station.db.prepare("SELECT count(*) FROM messages WHERE device_id = ?").pluck().get(device) as number;
  console.log(
    JSON.stringify({
      quietP50: quantile(quiet, 0.5).toFixed(1),
      quietP99: quantile(quiet, 0.99).toFixed(1),
      floodP50: quantile(loaded, 0.5).toFixed(1),
      floodP99: quantile(loaded, 0.99).toFixed(1),
      goodStored: `${count("good")}/${2 * SAMPLES}`,
      floodSent: sent,
      floodStored: count("flood"),
      refusals: Object.fromEntries(station.broker.refusals),
    }),
  );
  client.end(true);
  await station.stop();
  removeDir(dataDir);
}
