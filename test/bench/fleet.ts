import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { DeviceRegistry } from "../../broker/device-registry.js";
import { openDatabase } from "../../edge/store/database.js";
import { spawnStation } from "../helpers/child-station.js";
import { openDomainFixture, seedTomatoFarm } from "../helpers/domain-fixture.js";
import { removeDir, tempDir } from "../helpers/station.js";

/**
 * Fleet benchmark (issue 16): a real station's load, measured as a Raspberry Pi with an SD
 * card would feel it. The built station runs as its own process, the way systemd runs it;
 * 200 sensors × 1 QoS 1 reading/s × 5 metrics for 60 s come from a separate load process, and
 * scales send weights alongside. Prints the station's CPU (% of one core, all threads, from
 * /proc/PID/stat), bytes written per reading (/proc/PID/io write_bytes, all threads), commits
 * per second (its /metrics), RSS before and after, and PUBACK latency for readings and
 * weights. FLEET_DEVICES, FLEET_SECONDS, FLEET_SCALES change the load; FLEET_CONFIG is extra
 * station config as JSON (e.g. '{"intake":{"readingWindowMs":4}}' for the old policy). The
 * station gets the systemd unit's Environment= lines (FLEET_NO_UNIT_ENV=1: without them;
 * FLEET_NODE_OPTIONS: the unit's lines with this NODE_OPTIONS instead, to try V8 flags);
 * FLEET_CPU_PROFILE=dir writes the station's CPU profile there. Then the same load runs for
 * FLEET_BARE_SECONDS (20; 0: not) against bare aedes, the MQTT floor, for a ratio from one run.
 */
const DEVICES = Number(process.env.FLEET_DEVICES ?? 200);
const SCALES = Number(process.env.FLEET_SCALES ?? 4);
const SECONDS = Number(process.env.FLEET_SECONDS ?? 60);
const LOAD = resolve(import.meta.dirname, "fleet-load.ts");
const BARE = resolve(import.meta.dirname, "fleet-bare-broker.ts");
const BARE_SECONDS = Number(process.env.FLEET_BARE_SECONDS ?? 20);
const MB = 2 ** 20;
const TICKS = 100; // USER_HZ: /proc/PID/stat counts CPU time in 1/100 s on Linux

/** CPU seconds per thread name (main "node", the writer "WriterThread"?, V8 and libuv helpers). */
function threads(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const key = tid === String(pid) ? "main" : `${name}#${tid}`;
      out.set(key, (out.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // thread ended
    }
  }
  return out;
}

function proc(pid: number) {
  const io = readFileSync(`/proc/${pid}/io`, "utf8");
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  // proc(5): fields after the parenthesised command; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return {
    writeBytes: Number(/^write_bytes: (\d+)$/m.exec(io)?.[1]),
    cpuS: (Number(fields[11]) + Number(fields[12])) / TICKS,
    userS: Number(fields[11]) / TICKS,
    threads: threads(pid),
    rss: Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]) * 1024,
    // What the RSS is made of: anonymous memory (heaps, malloc arenas, thread stacks) and
    // mapped files (node itself, native addons), which only loading less code shrinks.
    rssAnon: Number(/^RssAnon:\s+(\d+) kB$/m.exec(status)?.[1]) * 1024,
    rssFile: Number(/^RssFile:\s+(\d+) kB$/m.exec(status)?.[1]) * 1024,
  };
}

/** V8 heap and external memory of the main thread, from the station's own /metrics. */
async function heap(httpPort: number): Promise<string> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const get = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN) / MB;
  return `heap used ${get("nodejs_heap_size_used_bytes").toFixed(0)} of ${get("nodejs_heap_size_total_bytes").toFixed(0)} MiB, external ${get("nodejs_external_memory_bytes").toFixed(0)} MiB`;
}

async function commits(httpPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  return Number(/^trace_station_intake_commit_messages_count(?:\{[^}]*\})? (\d+)$/m.exec(text)?.[1] ?? 0);
}

/** Commits by duration (the writer's histogram): what a weight arriving behind one waits. */
async function commitTimes(httpPort: number): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^trace_station_intake_commit_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm))
    out.set(m[1] as string, Number(m[2]));
  return out;
}

/** The Environment= lines of the systemd unit, so the station runs here as it runs there. */
function unitEnvironment(): Record<string, string> {
  if (process.env.FLEET_NO_UNIT_ENV === "1") return {};
  const unit = readFileSync(resolve(import.meta.dirname, "../../systemd/trace-station.service"), "utf8");
  const env: Record<string, string> = Object.fromEntries(
    // `Environment="NAME=a b"` is how systemd takes a value with spaces (systemd.exec(5)).
    [...unit.matchAll(/^Environment=("?)([A-Z_]+)=(.*)\1$/gm)].map((m) => [m[2] as string, m[3] as string]),
  );
  const nodeOptions = process.env.FLEET_NODE_OPTIONS;
  if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
  return env;
}

type Device = { id: string; password: string };

/** The load process against `mqttPort`; `connected` is called once every device is logged in. */
function runLoad(
  mqttPort: number,
  sensors: Device[],
  scales: Device[],
  seconds: number,
  connected: () => void,
): Promise<string> {
  return new Promise<string>((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        LOAD,
        `mqtt://127.0.0.1:${mqttPort}`,
        JSON.stringify(sensors),
        JSON.stringify(scales),
        String(seconds),
        "1000",
        "2000",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    // The figures count from the moment every device is connected: logging in 200 devices
    // (scrypt, on libuv's pool) is a one-off, reported on its own line.
    child.stderr.on("data", (c: Buffer) => {
      if (c.toString().includes("connected")) connected();
      else process.stderr.write(c);
    });
    let text = "";
    child.stdout.on("data", (c: Buffer) => {
      text += c.toString();
    });
    child.on("exit", (code) => (code === 0 ? done(text) : fail(new Error(`fleet load exited ${code}`))));
  });
}

/** CPU % of a core of bare aedes (fleet-bare-broker.ts) under the same load, for `seconds`. */
async function bareBrokerCpu(sensors: Device[], scales: Device[], seconds: number): Promise<number> {
  const broker = spawn(process.execPath, ["--import", "tsx", BARE], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...unitEnvironment() },
  });
  const port = await new Promise<number>((resolvePort) =>
    broker.stdout.once("data", (c: Buffer) => resolvePort(Number(c.toString().trim()))),
  );
  const pid = broker.pid as number;
  let before = proc(pid);
  let t0 = performance.now();
  await runLoad(port, sensors, scales, seconds, () => {
    before = proc(pid);
    t0 = performance.now();
  });
  const after = proc(pid);
  broker.kill("SIGTERM");
  return ((after.cpuS - before.cpuS) / ((performance.now() - t0) / 1000)) * 100;
}

async function register(dataDir: string) {
  const fixture = openDomainFixture({ dir: dataDir, now: Date.now() });
  seedTomatoFarm(fixture.domain);
  const registry = new DeviceRegistry(fixture.db);
  const add = async (prefix: string, n: number, kind: "sensor" | "scale") => {
    const out: Array<{ id: string; password: string }> = [];
    for (let i = 0; i < n; i++) {
      const id = `${prefix}-${String(i).padStart(3, "0")}`;
      out.push({ id, password: (await registry.add(id, kind, "gh1")).secret });
    }
    return out;
  };
  const devices = {
    sensors: await add("fleet", DEVICES, "sensor"),
    scales: await add("scale", SCALES, "scale"),
  };
  // A working packing house: each scale weighs into an open batch, so its weights are booked,
  // not refused (a refusal is a dead letter and a commit of its own).
  const batch = fixture.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: 0 });
  for (const scale of devices.scales) fixture.domain.scales.select(scale.id, batch.lot);
  fixture.close();
  return devices;
}

export async function run(): Promise<void> {
  const dataDir = tempDir("bench-fleet");
  const { sensors, scales } = await register(dataDir);
  // Every device of the load logs in from 127.0.0.1 at once; the login throttle (issue 12)
  // lets only `loginFailures` logins of one address be checked at a time, which a fleet on a
  // LAN, each device at its own address, never meets.
  const extra = JSON.parse(process.env.FLEET_CONFIG ?? "{}") as { mqtt?: { limits?: object } };
  // No demo scale: a station with 200 sensors has its own hardware configured.
  const config = {
    demo: { enabled: false },
    ...extra,
    mqtt: { ...extra.mqtt, limits: { loginFailures: 1000, ...extra.mqtt?.limits } },
  };
  const file = resolve(dataDir, "fleet-config.json");
  writeFileSync(file, JSON.stringify(config));
  const args = ["--data", dataDir, "--config", file];
  // FLEET_CPU_PROFILE=dir: the station writes a V8 CPU profile there when it stops.
  const profile = process.env.FLEET_CPU_PROFILE;
  const nodeArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  // FLEET_NODE_ARGS: node flags NODE_OPTIONS may not carry (--single-threaded-gc), space-separated.
  nodeArgs.push(...(process.env.FLEET_NODE_ARGS ?? "").split(" ").filter(Boolean));
  const station = await spawnStation(args, unitEnvironment(), nodeArgs);
  const pid = station.process.pid as number;
  const httpPort = station.ports.http as number;
  await new Promise((r) => setTimeout(r, 2000));
  const idle = proc(pid);
  const heapIdle = await heap(httpPort);
  let before = idle;
  let commitsBefore = 0;
  let timesBefore = new Map<string, number>();
  let t0 = performance.now();
  const out = await runLoad(station.ports.mqtt, sensors, scales, SECONDS, () => {
    before = proc(pid);
    t0 = performance.now();
    void commits(httpPort).then((n) => {
      commitsBefore = n;
    });
    void commitTimes(httpPort).then((t) => {
      timesBefore = t;
    });
  });
  const wallS = (performance.now() - t0) / 1000;
  const after = proc(pid);
  const commitsRun = (await commits(httpPort)) - commitsBefore;
  const timesAfter = await commitTimes(httpPort);
  const slowCommits = (le: string) => commitsRun - ((timesAfter.get(le) ?? 0) - (timesBefore.get(le) ?? 0));
  const heapAfter = await heap(httpPort);
  await new Promise((r) => setTimeout(r, 5000));
  const settled = proc(pid);
  station.process.kill("SIGTERM");
  await station.exited;
  const db = openDatabase(dataDir, { readonly: true });
  const stored = db.prepare("SELECT count(*) FROM messages WHERE kind = 'reading'").pluck().get();
  const dbBytes =
    (db.pragma("page_count", { simple: true }) as number) *
    (db.pragma("page_size", { simple: true }) as number);
  db.close();
  removeDir(dataDir);
  const bareCpu = BARE_SECONDS > 0 ? await bareBrokerCpu(sensors, scales, BARE_SECONDS) : Number.NaN;
  const cpu = { user: (after.cpuS - before.cpuS) * 1e6, system: 0 };
  const connectCpuS = before.cpuS - idle.cpuS;
  const written = after.writeBytes - before.writeBytes;
  const rssBefore = idle.rss;
  const rssAfter = after.rss;
  const rssSettled = settled.rss;
  const load = JSON.parse(out) as {
    readings: { sent: number; acked: number; p50: number; p99: number; max: number };
    weights: { sent: number; acked: number; p50: number; p99: number; max: number };
  };

  const cpuPct = ((cpu.user + cpu.system) / 1e6 / wallS) * 100;
  const perReading = written / load.readings.acked;
  console.log(
    `fleet: ${DEVICES} sensors × 1 reading/s × 5 metrics, ${SCALES} scales × 1 weight/2 s, ${SECONDS} s, QoS 1`,
  );
  console.log(`  readings acked ${load.readings.acked}/${load.readings.sent}, stored ${stored}`);
  console.log(
    `  logging in ${DEVICES + SCALES} devices (scrypt): ${connectCpuS.toFixed(1)} CPU s, before the figures below`,
  );
  console.log(`  CPU of the station process: ${cpuPct.toFixed(1)} % of a core   (goal ≤ 4 %)`);
  console.log(
    `    bare aedes under the same load (acks at once, stores nothing; ${BARE_SECONDS} s): ${bareCpu.toFixed(1)} % of a core; the station ${(cpuPct / bareCpu).toFixed(2)}× that`,
  );
  console.log(
    `  written: ${(written / MB).toFixed(1)} MiB, ${perReading.toFixed(0)} B per reading   (goal ≤ 1024 B); db ${(dbBytes / MB).toFixed(1)} MiB`,
  );
  const perThread = [...after.threads]
    .map(([name, s]) => [name, s - (before.threads.get(name) ?? 0)] as const)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, s]) => `${name} ${((s / wallS) * 100).toFixed(1)} %`);
  console.log(
    `    user ${(((after.userS - before.userS) / wallS) * 100).toFixed(1)} %; by thread: ${perThread.join(", ")}`,
  );
  console.log(
    `  commits: ${(commitsRun / wallS).toFixed(2)}/s   (goal ≤ 5/s); over 25 ms ${slowCommits("0.025")}, over 50 ms ${slowCommits("0.05")}, over 100 ms ${slowCommits("0.1")}`,
  );
  console.log(
    `  RSS: before ${(rssBefore / MB).toFixed(0)} MiB, after ${(rssAfter / MB).toFixed(0)} MiB, 5 s later ${(rssSettled / MB).toFixed(0)} MiB   (goal ≤ 120 MiB)`,
  );
  const split = (p: { rssAnon: number; rssFile: number }) =>
    `anon ${(p.rssAnon / MB).toFixed(0)} + file ${(p.rssFile / MB).toFixed(0)}`;
  console.log(`    before ${split(idle)}; after ${split(after)}; 5 s later ${split(settled)} MiB`);
  console.log(`    main thread before: ${heapIdle}; after: ${heapAfter}`);
  console.log(
    `  reading PUBACK p50 ${load.readings.p50.toFixed(0)} ms, p99 ${load.readings.p99.toFixed(0)} ms, max ${load.readings.max.toFixed(0)} ms   (goal p99 ≤ 1500 ms)`,
  );
  console.log(
    `  weight PUBACK p50 ${load.weights.p50.toFixed(1)} ms, p99 ${load.weights.p99.toFixed(1)} ms, max ${load.weights.max.toFixed(1)} ms   (goal p99 ≤ 50 ms; ${load.weights.acked} acked)`,
  );
}
