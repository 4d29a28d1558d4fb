/**
 * Load process of the fleet benchmark (issue 16): every sensor publishes one QoS 1 reading with
 * five metrics per `periodMs`, start times spread over the first period like a real fleet; the
 * scales publish a weight every `weightPeriodMs` alongside. Raw MQTT 3.1.1 over sockets, as in
 * intake-load.ts, so the load costs little CPU of the shared cores. Each PUBACK's latency is
 * measured from its PUBLISH by packet id. Args: url, devices JSON, scales JSON, seconds,
 * periodMs, weightPeriodMs. Prints one JSON line.
 */
import { connect, type Socket } from "node:net";

const [url, devicesJson, scalesJson, secondsArg, periodArg, weightPeriodArg] = process.argv.slice(2);
type Device = { id: string; password: string };
const sensors = JSON.parse(devicesJson ?? "[]") as Device[];
const scales = JSON.parse(scalesJson ?? "[]") as Device[];
const seconds = Number(secondsArg ?? 60);
const periodMs = Number(periodArg ?? 1000);
const weightPeriodMs = Number(weightPeriodArg ?? 2000);
const { hostname, port } = new URL(url ?? "mqtt://127.0.0.1:1883");

/** MQTT 3.1.1 §2.2.3 variable-length "remaining length". */
function remainingLength(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    bytes.push(b);
  } while (n > 0);
  return Buffer.from(bytes);
}

const utf8 = (s: string): Buffer => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};

function connectPacket(clientId: string, username: string, password: string): Buffer {
  const variable = Buffer.concat([utf8("MQTT"), Buffer.from([4, 0xc2, 0, 60])]);
  const body = Buffer.concat([variable, utf8(clientId), utf8(username), utf8(password)]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
}

function publishPacket(topic: Buffer, packetId: number, payload: Buffer): Buffer {
  const head = Buffer.concat([
    Buffer.from([0x32]),
    remainingLength(topic.length + 2 + payload.length),
    topic,
  ]);
  return Buffer.concat([head, Buffer.from([packetId >> 8, packetId & 0xff]), payload]);
}

interface Run {
  sent: number;
  acked: number;
  latencies: number[];
}

/** Resolved once every device has its CONNACK: the load starts then, and the station is told. */
let connectedCount = 0;
let allConnected: () => void = () => {};
const everyoneConnected = new Promise<void>((resolve) => {
  allConnected = resolve;
});

function drive(device: Device, leaf: "reading" | "weight", every: number, offset: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const run: Run = { sent: 0, acked: 0, latencies: [] };
    const sentAt = new Map<number, number>();
    const socket: Socket = connect(Number(port), hostname);
    const topic = utf8(`trace/v1/dev/${device.id}/${leaf}`);
    let pending: Buffer = Buffer.alloc(0);
    let timer: NodeJS.Timeout | undefined;
    let stopAt = 0;
    const publish = () => {
      const n = run.sent++;
      const payload =
        leaf === "reading"
          ? `{"msgId":"${device.id}-${n}","values":{"air_temp":${(20 + (n % 50) / 10).toFixed(1)},"air_rh":${50 + (n % 30)},"soil_moisture":${(30 + (n % 20) / 4).toFixed(2)},"soil_temp":${(18 + (n % 10) / 10).toFixed(1)},"light":${12000 + n * 7}}}`
          : `{"msgId":"${device.id}-${n}","net":${(12 + (n % 100) / 1000).toFixed(3)},"unit":"kg","stable":true}`;
      const id = (n % 65535) + 1;
      sentAt.set(id, performance.now());
      socket.write(publishPacket(topic, id, Buffer.from(payload)));
    };
    const finish = () => {
      if (run.acked === run.sent && performance.now() >= stopAt) {
        socket.end(Buffer.from([0xe0, 0]));
        resolve(run);
      }
    };
    const schedule = () =>
      setTimeout(() => {
        publish();
        timer = setInterval(() => {
          if (performance.now() >= stopAt) {
            clearInterval(timer);
            finish();
          } else publish();
        }, every);
      }, offset);
    socket.on("error", reject);
    socket.on("connect", () => socket.write(connectPacket(`fleet-${device.id}`, device.id, device.password)));
    socket.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let i = 0;
      while (pending.length - i >= 4) {
        const type = pending[i] as number;
        if (type === 0x20) {
          if (pending[i + 3] !== 0) return reject(new Error(`CONNACK refused: ${pending[i + 3]}`));
          if (++connectedCount === sensors.length + scales.length) allConnected();
          void everyoneConnected.then(() => {
            stopAt = performance.now() + seconds * 1000;
            schedule();
          });
        } else if (type === 0x40) {
          const id = ((pending[i + 2] as number) << 8) | (pending[i + 3] as number);
          const at = sentAt.get(id);
          if (at !== undefined) {
            run.latencies.push(performance.now() - at);
            sentAt.delete(id);
          }
          run.acked++;
          if (timer === undefined || performance.now() >= stopAt) finish();
        } else {
          return reject(new Error(`unexpected packet 0x${type.toString(16)}`));
        }
        i += 4; // CONNACK and PUBACK are both 4 bytes
      }
      pending = pending.subarray(i);
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summary(runs: Run[]) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    sent: runs.reduce((n, r) => n + r.sent, 0),
    acked: runs.reduce((n, r) => n + r.acked, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
  };
}

void everyoneConnected.then(() => process.stderr.write("connected\n"));
const readings = sensors.map((d, i) => drive(d, "reading", periodMs, (i * periodMs) / sensors.length));
const weights = scales.map((d, i) =>
  drive(d, "weight", weightPeriodMs, (i * weightPeriodMs) / scales.length),
);
const [r, w] = await Promise.all([Promise.all(readings), Promise.all(weights)]);
process.stdout.write(`${JSON.stringify({ readings: summary(r), weights: summary(w) })}\n`);
