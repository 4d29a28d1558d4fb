/**
 * Load generator for the intake benchmark, run as its own process so the clients do not share
 * the station's event loop. Args: url, devices JSON, messages per client, in-flight window.
 * Prints one JSON line: { messages, ms }.
 */
import mqtt from "mqtt";

const [url, devicesJson, perClientArg, windowArg] = process.argv.slice(2);
const devices = JSON.parse(devicesJson ?? "[]") as Array<{ id: string; password: string }>;
const perClient = Number(perClientArg);
const window = Number(windowArg);

async function drive(id: string, password: string): Promise<void> {
  const client = await mqtt.connectAsync(url ?? "", { username: id, password, reconnectPeriod: 0 });
  const topic = `trace/v1/dev/${id}/reading`;
  let sent = 0;
  let acked = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      while (sent < perClient && sent - acked < window) {
        const n = sent++;
        const payload = `{"msgId":"${id}-${n}","values":{"air_temp":${(20 + (n % 50) / 10).toFixed(1)},"air_rh":61}}`;
        client.publish(topic, payload, { qos: 1 }, (err) => {
          if (err) return reject(err);
          acked++;
          if (acked === perClient) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  await client.endAsync();
}

const started = performance.now();
await Promise.all(devices.map((d) => drive(d.id, d.password)));
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ messages: devices.length * perClient, ms })}\n`);
