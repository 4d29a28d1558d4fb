import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { DeviceRegistry } from "../../../broker/device-registry.js";
import { openDatabase } from "../../../edge/store/database.js";
import { enqueueOutbox } from "../../../edge/store/outbox.js";
import { waitFor } from "../../helpers/poll.js";
import { StationProcess } from "../../helpers/uplink-station.js";
import {
  aedesUpstream,
  freePort,
  mosquittoUpstream,
  type ReceivedRecord,
  type Upstream,
} from "../../helpers/uplink-upstream.js";

/**
 * A field sensor publishing readings steadily over MQTT, whatever happens to the station. Like
 * real firmware it sends a message again (same msgId) until the station acknowledges it:
 * mqtt.js drops what is queued when a connection closes mid-resend.
 */
class Device {
  private readonly client: MqttClient;
  private timer: NodeJS.Timeout | null = null;
  private readonly unacked = new Set<number>();
  sent = 0;

  constructor(
    port: number,
    private readonly id: string,
    secret: string,
  ) {
    this.client = connect(`mqtt://127.0.0.1:${port}`, {
      clientId: id,
      username: id,
      password: secret,
      reconnectPeriod: 100,
    });
  }

  startPublishing(everyMs: number): void {
    this.timer = setInterval(() => this.send(this.sent++), everyMs);
  }

  private send(n: number): void {
    this.unacked.add(n);
    const body = JSON.stringify({ msgId: n, values: { air_temp: 20 + (n % 10) / 10 } });
    this.client.publish(`trace/v1/dev/${this.id}/reading`, body, { qos: 1 }, (err) => {
      if (err) setTimeout(() => this.send(n), 200);
      else this.unacked.delete(n);
    });
  }

  /** Stop publishing and wait until the station has acknowledged (stored) every message. */
  async drain(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await waitFor(() => this.unacked.size === 0, { what: "device messages acknowledged", timeoutMs: 60_000 });
  }

  close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    return this.client.endAsync(true);
  }
}

function firstOccurrences(received: ReceivedRecord[]): Map<string, ReceivedRecord> {
  const first = new Map<string, ReceivedRecord>();
  for (const r of received) if (!first.has(r.id)) first.set(r.id, r);
  return first;
}

describe.each([
  ["aedes", (_dir: string) => aedesUpstream()],
  ["mosquitto", (dir: string) => mosquittoUpstream(dir)],
])("MQTT uplink through an outage of the upstream (%s)", (_name, makeUpstream) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it("delivers every record exactly once after de-duplication, in order per stream, across two station restarts", {
    timeout: 240_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "uplink-outage-"));
    cleanups.push(() => {
      if (!process.env.UPLINK_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
    });
    const upstream: Upstream = await makeUpstream(dir);
    cleanups.push(() => upstream.close());

    const dataDir = join(dir, "data");
    const setup = openDatabase(dataDir);
    const { secret } = await new DeviceRegistry(setup).add("sensor-1", "sensor", null);
    setup.close();
    const mqttPort = await freePort();
    const configFile = StationProcess.writeConfig(dir, {
      dataDir,
      station: { code: "ST01" },
      log: { level: process.env.UPLINK_TEST_LOG ?? "info" },
      mqtt: { host: "127.0.0.1" },
      http: { host: "127.0.0.1" },
      demo: { enabled: false },
      uplink: {
        sinks: [
          {
            type: "mqtt",
            name: "up",
            url: `mqtt://127.0.0.1:${upstream.port}`,
            topic: "up/{station}/{stream}",
            inFlight: 20,
            connectTimeoutMs: 1000,
          },
        ],
        backoff: { initialMs: 100, maxMs: 800 },
      },
    });
    const station = new StationProcess(configFile, mqttPort, join(dir, "station.log"));
    cleanups.push(() => station.kill());
    await station.start();

    const device = new Device(mqttPort, "sensor-1", secret);
    cleanups.push(() => device.close());
    device.startPublishing(15);
    await waitFor(() => upstream.received.length >= 20, {
      what: "first records upstream",
      timeoutMs: 60_000,
    });

    // Outage: the upstream goes away; the station is restarted twice while the device publishes
    // and domain records (batches, packages) are written beside it.
    await upstream.stop();
    const domainDb = openDatabase(dataDir);
    cleanups.push(() => {
      domainDb.close();
    });
    let lot = 0;
    const writeDomain = (n: number) => {
      for (let i = 0; i < n; i++, lot++) {
        domainDb.transaction(() => {
          enqueueOutbox(domainDb, {
            stream: "batches",
            recordId: `batch:L${lot}`,
            kind: "batch",
            payload: { lot },
          });
          enqueueOutbox(domainDb, {
            stream: "packages",
            recordId: `package:L${lot}-1`,
            kind: "package",
            payload: { lot, netKg: 5 },
          });
        })();
      }
    };
    writeDomain(10);
    const sentBefore = device.sent;
    await waitFor(() => device.sent >= sentBefore + 30, {
      what: "device publishing during outage",
      timeoutMs: 60_000,
    });
    expect(await station.stop()).toBe(0);
    writeDomain(10);
    await station.start();
    await waitFor(() => device.sent >= sentBefore + 60, { what: "more device messages", timeoutMs: 60_000 });
    expect(await station.stop()).toBe(0);
    writeDomain(10);
    await station.start();
    await waitFor(() => device.sent >= sentBefore + 90, { what: "more device messages", timeoutMs: 60_000 });
    await device.drain();

    await upstream.start();
    const expected = new Map<string, string>();
    const readExpected = () => {
      expected.clear();
      for (const row of domainDb.prepare("SELECT id, record_id, stream FROM outbox").all() as Array<{
        record_id: string;
        stream: string;
      }>)
        expected.set(row.record_id, row.stream);
      for (const row of domainDb.prepare("SELECT id, device_id FROM messages").all() as Array<{
        id: number;
        device_id: string;
      }>)
        expected.set(`ST01:msg:${row.id}`, `device:${row.device_id}`);
    };
    try {
      await waitFor(
        () => {
          readExpected();
          const got = firstOccurrences(upstream.received);
          for (const id of expected.keys()) if (!got.has(id)) return false;
          return true;
        },
        { what: "every stored record upstream", timeoutMs: 120_000 },
      );
    } catch (err) {
      // Say what is missing and what the station logged, so a failure on a busy CI box can be read.
      const got = firstOccurrences(upstream.received);
      const missing = [...expected.keys()].filter((id) => !got.has(id));
      const cursors = domainDb.prepare("SELECT feed, last_id FROM uplink_cursors").all();
      const log = readFileSync(join(dir, "station.log"), "utf8")
        .split("\n")
        .filter((l) => /"level":(40|50|60)|upstream/.test(l))
        .slice(-30)
        .join("\n");
      throw new Error(
        `${(err as Error).message}: ${missing.length} of ${expected.size} missing (e.g. ${missing.slice(0, 5).join(", ")}); ` +
          `received ${upstream.received.length}; cursors ${JSON.stringify(cursors)}\n${log}`,
      );
    }

    const first = firstOccurrences(upstream.received);
    // Exactly once after de-duplication: the same set, nothing the station did not store.
    expect([...first.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBeGreaterThan(device.sent); // readings + status + domain records
    for (const [id, record] of first) expect(record.stream).toBe(expected.get(id));
    // Order within every stream, as first received.
    const lastSeq = new Map<string, number>();
    for (const record of first.values()) {
      expect(record.seq, `${record.stream} out of order at ${record.id}`).toBeGreaterThan(
        lastSeq.get(record.stream) ?? 0,
      );
      lastSeq.set(record.stream, record.seq);
    }
    const readings = [...first.values()].filter((r) => r.kind === "reading").length;
    expect(readings).toBe(device.sent);
    expect(await station.stop()).toBe(0);
  });
});
