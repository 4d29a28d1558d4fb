import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { createStation } from "../../edge/app.js";
import { validateConfig } from "../../edge/config/load.js";
import { silentLogger } from "../../edge/core/logger.js";
import { removeDir, tempDir } from "../helpers/station.js";

/**
 * Intake benchmark (issue 2): QoS 1 readings per second with durable storage and, in the same
 * run with the same clients, with storage switched off. The ratio is what durability costs.
 * BENCH_INTAKE is extra intake config as JSON, e.g. '{"readingWindowMs":4}' to compare policies;
 * BENCH_STORE the same for the store, e.g. '{"derivedWriteSeconds":0}' for rollups in every commit.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const PER_CLIENT = Number(process.env.BENCH_MESSAGES ?? 40_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const LOAD = resolve(import.meta.dirname, "intake-load.ts");

async function measure(storage: "durable" | "none"): Promise<{ rate: number; rssMb: number }> {
  const dataDir = tempDir(`bench-intake-${storage}`);
  const loaded = validateConfig({
    dataDir,
    // Throughput of the store, not of the per-device limits (issue 12): lifted here, and the
    // login throttle too, which checks only a few logins of one address (all clients are on
    // 127.0.0.1) at a time.
    mqtt: {
      port: 0,
      host: "127.0.0.1",
      limits: { messagesPerSecond: 100000, burst: 1000000, loginFailures: 1000 },
    },
    http: { port: 0 },
    demo: { enabled: false },
    ...(process.env.BENCH_STORE ? { store: JSON.parse(process.env.BENCH_STORE) } : {}),
    ...(process.env.BENCH_INTAKE ? { intake: JSON.parse(process.env.BENCH_INTAKE) } : {}),
  });
  const station = createStation(loaded, { logger: silentLogger(), storage });
  await station.start();
  const devices: Array<{ id: string; password: string }> = [];
  for (let i = 0; i < CLIENTS; i++) {
    const id = `bench-${i}`;
    devices.push({ id, password: (await station.devices.add(id, "sensor", null)).secret });
  }
  const out = await new Promise<string>((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        LOAD,
        `mqtt://127.0.0.1:${station.ports.mqtt}`,
        JSON.stringify(devices),
        String(PER_CLIENT),
        String(WINDOW),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let text = "";
    child.stdout.on("data", (c: Buffer) => {
      text += c.toString();
    });
    child.on("exit", (code) => (code === 0 ? done(text) : fail(new Error(`load generator exited ${code}`))));
  });
  const { messages, ms } = JSON.parse(out) as { messages: number; ms: number };
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  if (storage === "durable") {
    const stored = station.db.prepare("SELECT count(*) AS n FROM messages").get() as { n: number };
    if (stored.n !== messages) throw new Error(`stored ${stored.n} of ${messages}`);
  }
  await station.stop();
  removeDir(dataDir);
  return { rate: messages / (ms / 1000), rssMb };
}

export async function run(): Promise<void> {
  console.log(`intake: ${CLIENTS} clients × ${PER_CLIENT} QoS 1 readings, window ${WINDOW} per client`);
  // Warm-up so JIT and page cache do not favour whichever mode runs second.
  await measure("none");
  const off = await measure("none");
  const durable = await measure("durable");
  const off2 = await measure("none");
  const baseline = (off.rate + off2.rate) / 2;
  console.log(`  durable (SQLite, synchronous=FULL, group commit): ${durable.rate.toFixed(0)} readings/s`);
  console.log(`  storage off (ack without storing):               ${baseline.toFixed(0)} readings/s`);
  console.log(`  ratio durable/off: ${(durable.rate / baseline).toFixed(3)}   (goal ≥ 0.85, ≥ 40000/s)`);
  console.log(`  RSS at end: ${durable.rssMb.toFixed(0)} MiB (bench process: station + writer thread)`);
}
