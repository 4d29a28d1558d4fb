/**
 * Load generator for the intake benchmark, run as its own process so the clients do not share
 * the station's event loop. It speaks MQTT 3.1.1 over a raw socket (CONNECT, PUBLISH QoS 1,
 * counting PUBACKs) because a full client library would spend more CPU per message than the
 * station and, on a 2-core box, measure itself. Args: url, devices JSON, messages per client,
 * in-flight window. Prints one JSON line: { messages, ms }.
 */
import { connect, type Socket } from "node:net";

const [url, devicesJson, perClientArg, windowArg] = process.argv.slice(2);
const devices = JSON.parse(devicesJson ?? "[]") as Array<{ id: string; password: string }>;
const perClient = Number(perClientArg);
const window = Number(windowArg);
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
  // Protocol name, level 4, flags: username + password + clean session; keep-alive 60 s.
  const variable = Buffer.concat([utf8("MQTT"), Buffer.from([4, 0xc2, 0, 60])]);
  const body = Buffer.concat([variable, utf8(clientId), utf8(username), utf8(password)]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
}

function publishPacket(topic: Buffer, messageId: number, payload: Buffer): Buffer {
  const len = topic.length + 2 + payload.length;
  const head = Buffer.concat([Buffer.from([0x32]), remainingLength(len), topic]);
  return Buffer.concat([head, Buffer.from([messageId >> 8, messageId & 0xff]), payload]);
}

function drive(id: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    const topic = utf8(`trace/v1/dev/${id}/reading`);
    let sent = 0;
    let acked = 0;
    let connected = false;
    let pending: Buffer = Buffer.alloc(0);
    const pump = () => {
      const batch: Buffer[] = [];
      while (sent < perClient && sent - acked < window) {
        const n = sent++;
        const payload = Buffer.from(
          `{"msgId":"${id}-${n}","values":{"air_temp":${(20 + (n % 50) / 10).toFixed(1)},"air_rh":61}}`,
        );
        batch.push(publishPacket(topic, (n % 65535) + 1, payload));
      }
      if (batch.length > 0) socket.write(Buffer.concat(batch));
    };
    socket.on("error", reject);
    socket.on("connect", () => socket.write(connectPacket(`bench-${id}`, id, password)));
    socket.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let i = 0;
      while (pending.length - i >= 4) {
        const type = pending[i] as number;
        if (type === 0x20) {
          if (pending[i + 3] !== 0) return reject(new Error(`CONNACK refused: ${pending[i + 3]}`));
          connected = true;
        } else if (type === 0x40) {
          acked++;
        } else {
          return reject(new Error(`unexpected packet 0x${type.toString(16)}`));
        }
        i += 4; // CONNACK and PUBACK are both 4 bytes
      }
      pending = pending.subarray(i);
      if (acked === perClient) {
        socket.end(Buffer.from([0xe0, 0]));
        resolve();
      } else if (connected) pump();
    });
  });
}

const started = performance.now();
await Promise.all(devices.map((d) => drive(d.id, d.password)));
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ messages: devices.length * perClient, ms })}\n`);
