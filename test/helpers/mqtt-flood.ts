import { spawn } from "node:child_process";

/**
 * A misbehaving device in its own process (so its CPU is not the station's): publishes QoS 0
 * messages as fast as the socket takes them for `ms`, then prints how many it sent.
 */
const SCRIPT = `
import mqtt from "mqtt";
const [url, username, password, topic, ms] = process.argv.slice(1);
const c = await mqtt.connectAsync(url, { username, password, reconnectPeriod: 0 });
let open = true; c.on("close", () => { open = false; });
const payload = JSON.stringify({ values: { air_temp: 22 } });
const until = Date.now() + Number(ms);
let n = 0;
while (open && Date.now() < until && n < 500000) {
  c.publish(topic, payload, { qos: 0 }); n++;
  if (n % 200 === 0) await new Promise((r) => setImmediate(r));
}
process.stdout.write(JSON.stringify({ sent: n, disconnected: !open }));
c.end(true); process.exit(0);
`;

export function floodFromChild(
  url: string,
  username: string,
  password: string,
  topic: string,
  ms: number,
): Promise<{ sent: number; disconnected: boolean }> {
  const child = spawn(
    process.execPath,
    ["--input-type=module", "-e", SCRIPT, url, username, password, topic, String(ms)],
    {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("exit", () => {
      try {
        resolve(JSON.parse(out) as { sent: number; disconnected: boolean });
      } catch {
        reject(new Error(`flood child printed ${out}`));
      }
    });
  });
}
