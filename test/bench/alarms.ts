import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { createStation } from "../../edge/app.js";
import { validateConfig } from "../../edge/config/load.js";
import { silentLogger } from "../../edge/core/logger.js";
import { removeDir, tempDir } from "../helpers/station.js";

/**
 * Early-warning cost (issue 18 §5): the same QoS 1 reading load through a durable station with
 * 50 rules in force and with none, compared by the station process's CPU time per reading
 * (main thread and writer thread; the load generator runs in its own process). Every reading
 * matches several rules (its site's), so this is harsher than a real fleet, where most readings
 * meet one or two. Goal: rules cost under 10 % more CPU.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const PER_CLIENT = Number(process.env.BENCH_MESSAGES ?? 20_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const LOAD = resolve(import.meta.dirname, "intake-load.ts");

/** 50 rules over the sites the bench devices stand on, every kind, on the metrics they send. */
function fiftyRules(): unknown[] {
  const rules: unknown[] = [];
  for (let s = 0; s < CLIENTS; s++) {
    const site = `site-${s}`;
    rules.push(
      { id: `frost-${s}`, preset: "greenhouse-frost", site },
      { id: `hot-${s}`, kind: "above", metric: "air_temp", threshold: 35, forSec: 600, hysteresis: 1, site },
      { id: `rise-${s}`, kind: "rate", metric: "air_temp", delta: 8, windowSec: 3600, site },
      { id: `fall-${s}`, kind: "rate", metric: "air_temp", delta: -8, windowSec: 1800, site },
      { id: `humid-${s}`, kind: "above", metric: "air_rh", threshold: 95, forSec: 1800, site },
      { id: `silent-${s}`, kind: "silent", metric: "air_temp", site, silentSec: 600 },
    );
  }
  // Rules elsewhere (other sites, metrics nobody sends here) fill the book to 50.
  for (let i = rules.length; i < 50; i++) {
    rules.push({ id: `pond-${i}`, preset: "trout-oxygen-low", site: `pond-${i}` });
  }
  return rules.slice(0, 50);
}

async function measure(withRules: boolean): Promise<{ cpuUsPerMsg: number; rate: number; alarms: number }> {
  const dataDir = tempDir(`bench-alarms-${withRules ? "rules" : "none"}`);
  const loaded = validateConfig({
    dataDir,
    mqtt: { port: 0, host: "127.0.0.1" },
    http: { port: 0 },
    demo: { enabled: false },
    alarms: { rules: withRules ? fiftyRules() : [] },
  });
  const station = createStation(loaded, { logger: silentLogger() });
  await station.start();
  const devices: Array<{ id: string; password: string }> = [];
  for (let i = 0; i < CLIENTS; i++) {
    const id = `bench-${i}`;
    devices.push({ id, password: (await station.devices.add(id, "sensor", `site-${i}`)).secret });
  }
  const cpu0 = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpu0);
  const { messages, ms } = JSON.parse(out) as { messages: number; ms: number };
  const alarms = (station.db.prepare("SELECT count(*) AS n FROM alarms").get() as { n: number }).n;
  if (withRules && station.alarms.rules.all().length !== 50) throw new Error("rules not loaded");
  await station.stop();
  removeDir(dataDir);
  return { cpuUsPerMsg: (cpu.user + cpu.system) / messages, rate: messages / (ms / 1000), alarms };
}

/** The evaluation alone, in process and free of I/O noise: µs per reading with the 50 rules. */
async function evaluationOnly(): Promise<number> {
  const dataDir = tempDir("bench-alarms-eval");
  const loaded = validateConfig({
    dataDir,
    mqtt: { port: 0, host: "127.0.0.1" },
    http: { port: 0 },
    demo: { enabled: false },
    alarms: { rules: fiftyRules() },
  });
  const station = createStation(loaded, { logger: silentLogger() });
  await station.start();
  for (let i = 0; i < CLIENTS; i++) station.devices.ensureInternal(`bench-${i}`, "sensor", `site-${i}`);
  const n = 200_000;
  const t0 = Date.now();
  const start = process.cpuUsage();
  for (let k = 0; k < n; k++) {
    const ts = t0 + k * 100;
    station.alarms.engine.onStored({
      deviceId: `bench-${k % CLIENTS}`,
      kind: "reading",
      msgId: null,
      ts,
      receivedAt: ts,
      payload: "",
      values: [
        ["air_temp", 20 + (k % 50) / 10],
        ["air_rh", 61],
      ],
    });
  }
  const cpu = process.cpuUsage(start);
  await station.stop();
  removeDir(dataDir);
  return (cpu.user + cpu.system) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function run(): Promise<void> {
  console.log(
    `alarms: ${CLIENTS} clients × ${PER_CLIENT} QoS 1 readings (air_temp, air_rh), 50 rules vs none`,
  );
  await measure(false); // warm-up: JIT and page cache
  const none: number[] = [];
  const rules: number[] = [];
  let last = { rate: 0, alarms: 0 };
  // Interleaved, so drift on a shared machine hits both sides alike.
  for (let i = 0; i < 3; i++) {
    none.push((await measure(false)).cpuUsPerMsg);
    const r = await measure(true);
    rules.push(r.cpuUsPerMsg);
    last = r;
  }
  const ratio = median(rules) / median(none);
  console.log(`  no rules:  ${median(none).toFixed(1)} µs CPU per reading (median of 3)`);
  console.log(
    `  50 rules:  ${median(rules).toFixed(1)} µs CPU per reading (median of 3), ${last.rate.toFixed(0)} readings/s, ${last.alarms} alarms raised`,
  );
  console.log(`  ratio rules/none: ${ratio.toFixed(3)}   (goal < 1.10)`);
  const alone = await evaluationOnly();
  console.log(
    `  evaluation alone: ${alone.toFixed(2)} µs CPU per reading (${((alone / median(none)) * 100).toFixed(1)} % of a reading's cost)`,
  );
}
