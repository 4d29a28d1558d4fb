import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "mqtt";
import pino from "pino";
import { validateConfig } from "../../edge/config/load.js";
import { systemClock } from "../../edge/core/clock.js";
import { openDatabase } from "../../edge/store/database.js";
import { DeliveryState } from "../../edge/uplink/delivery-state.js";
import { MqttSink } from "../../edge/uplink/mqtt-sink.js";
import { stationFormat } from "../../edge/uplink/record-formats.js";
import { freePort, waitForPort } from "../helpers/uplink-upstream.js";

/**
 * Uplink benchmark (issue 6): drain 1,000,000 queued device records to a local upstream
 * broker over TCP (QoS 1), and in the same run a plain mqtt.js publisher sending the same
 * payloads with the same in-flight window. The ratio is what the durable drain costs (goal ≥ 0.7).
 * The queue is written with direct SQL inserts so that generating it stays fast.
 */
const RECORDS = Number(process.env.BENCH_UPLINK_RECORDS ?? 1_000_000);
const WINDOW = Number(process.env.BENCH_UPLINK_WINDOW ?? 500);
const TOPIC = "up/{station}/{stream}";

function fillQueue(dataDir: string): void {
  const db = openDatabase(dataDir);
  const insert = db.prepare(
    "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES (?, 'reading', ?, ?, ?, ?)",
  );
  const t0 = Date.parse("2026-05-01T00:00:00Z");
  db.pragma("synchronous = OFF");
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const ts = t0 + i * 1000;
      const payload = `{"msgId":${i},"values":{"air_temp":${(18 + (i % 120) / 10).toFixed(1)},"air_rh":${50 + (i % 40)}}}`;
      insert.run(`sensor-${i % 16}`, String(i), ts, ts, payload);
    }
  });
  for (let i = 0; i < RECORDS; i += 100_000) chunk(i, Math.min(RECORDS, i + 100_000));
  db.close();
}

async function startBroker(dir: string): Promise<{ url: string; name: string; stop(): Promise<void> }> {
  const port = await freePort();
  if (existsSync("/usr/sbin/mosquitto")) {
    const conf = join(dir, "mosquitto.conf");
    writeFileSync(
      conf,
      `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 0\nlog_dest none\n`,
    );
    const child: ChildProcess = spawn("/usr/sbin/mosquitto", ["-c", conf], { stdio: "ignore" });
    await waitForPort(port, 20_000);
    return {
      url: `mqtt://127.0.0.1:${port}`,
      name: "mosquitto",
      stop: () =>
        new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    };
  }
  throw new Error("mosquitto not found: run test/setup/system-deps.sh");
}

async function drain(dataDir: string, url: string): Promise<{ ms: number; samples: string[] }> {
  const db = openDatabase(dataDir);
  const { config } = validateConfig({
    uplink: { sinks: [{ type: "mqtt", name: "bench", url, topic: TOPIC, inFlight: WINDOW }] },
  });
  const sinkConfig = config.uplink.sinks[0];
  if (sinkConfig?.type !== "mqtt") throw new Error("bench sink config");
  const state = new DeliveryState(db, "bench", "ST01", stationFormat("ST01"));
  const samples = state.read("messages", 0, 1000).map((r) => r.body);
  const sink = new MqttSink(
    sinkConfig,
    state,
    "ST01",
    config.uplink.backoff,
    systemClock,
    pino({ level: "silent" }),
  );
  const started = performance.now();
  sink.start();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (state.cursor("messages") >= RECORDS) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  const ms = performance.now() - started;
  await sink.stop();
  db.close();
  return { ms, samples };
}

/** The baseline: mqtt.js alone, QoS 1, the same window and payloads, nothing read or recorded. */
async function plainPublisher(url: string, samples: string[]): Promise<number> {
  const client = connect(url, { clientId: "bench-plain", clean: true, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("error", reject);
  });
  const started = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    let acked = 0;
    let inflight = 0;
    const pump = (): void => {
      while (inflight < WINDOW && sent < RECORDS) {
        const i = sent++;
        inflight++;
        client.publish(
          `up/ST01/device:sensor-${i % 16}`,
          samples[i % samples.length] as string,
          { qos: 1 },
          () => {
            inflight--;
            if (++acked === RECORDS) resolve();
            else if (inflight <= WINDOW / 2) setImmediate(pump);
          },
        );
      }
    };
    pump();
  });
  const ms = performance.now() - started;
  await client.endAsync();
  return ms;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-uplink-"));
  const dataDir = join(dir, "data");
  try {
    const t0 = performance.now();
    fillQueue(dataDir);
    console.log(
      `queued ${RECORDS} records in ${((performance.now() - t0) / 1000).toFixed(1)} s (direct SQL)`,
    );
    const broker = await startBroker(dir);
    try {
      const drained = await drain(dataDir, broker.url);
      const plainMs = await plainPublisher(broker.url, drained.samples);
      const drainRate = RECORDS / (drained.ms / 1000);
      const plainRate = RECORDS / (plainMs / 1000);
      console.log(`upstream broker: ${broker.name}, QoS 1, in-flight window ${WINDOW}`);
      console.log(`uplink drain (SQLite → MQTT, cursor persisted): ${Math.round(drainRate)} records/s`);
      console.log(`plain mqtt.js publisher, same payloads:          ${Math.round(plainRate)} records/s`);
      console.log(`ratio drain / plain: ${(drainRate / plainRate).toFixed(2)} (goal ≥ 0.70)`);
    } finally {
      await broker.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
