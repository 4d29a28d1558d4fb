import { statfsSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import mqtt, { type MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { databasePath } from "../../../edge/store/database.js";
import { fill, mountTmpfs } from "../../helpers/ops-tmpfs.js";
import { waitFor } from "../../helpers/poll.js";
import { startTestStation } from "../../helpers/station.js";
import { aedesUpstream } from "../../helpers/uplink-upstream.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MB = 1024 * 1024;
const freeMb = (dir: string) => {
  const s = statfsSync(dir);
  return (s.bavail * s.bsize) / MB;
};

function publish(client: MqttClient, topic: string, body: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    client.publish(topic, JSON.stringify(body), { qos: 1 }, (err) => (err ? reject(err) : resolve())),
  );
}

describe("disk floor on a real small filesystem", () => {
  it("pauses intake under the floor (no PUBACK, store intact), resumes and takes the resent message once space is freed", async (ctx) => {
    const fs = mountTmpfs(24);
    if (typeof fs === "string") {
      ctx.skip(fs);
      return;
    }
    cleanups.push(() => fs.unmount());
    const dataDir = join(fs.dir, "data");
    // The upstream is down at first: accepted readings wait in the outbox.
    const upstream = await aedesUpstream();
    cleanups.push(() => upstream.close());
    await upstream.stop();
    const ts = await startTestStation(
      {
        ops: { diskFloorMb: 8, diskResumeMarginMb: 2, checkIntervalSec: 1 },
        uplink: {
          sinks: [
            {
              type: "mqtt",
              name: "up",
              url: `mqtt://127.0.0.1:${upstream.port}`,
              topic: "up/{station}/{stream}",
              connectTimeoutMs: 1000,
            },
          ],
          backoff: { initialMs: 100, maxMs: 500 },
        },
        printers: [{ name: "p1", kind: "preview" }],
      },
      {},
      dataDir,
    );
    cleanups.push(() => ts.stop());
    const { station } = ts;
    const password = await ts.addDevice("s1");
    // A device with automatic reconnect, as firmware built on a normal MQTT library behaves.
    const client = await mqtt.connectAsync(ts.mqttUrl, {
      username: "s1",
      password,
      reconnectPeriod: 200,
      clientId: "s1-disk",
    });
    cleanups.push(() => client.endAsync(true));
    const topic = "trace/v1/dev/s1/reading";
    const kioskAlarms: Array<{ code?: string; active?: boolean }> = [];
    station.live.on("event", (e) => {
      if (e.kind === "alarm") kioskAlarms.push(e.data as { code?: string; active?: boolean });
    });
    const stored = () => station.db.prepare("SELECT count(*) FROM messages").pluck().get() as number;

    await publish(client, topic, { msgId: "m1", values: { air_temp: 20.5 } });
    expect(stored()).toBe(1);

    // Fill the filesystem to ~4 MB free: under the 8 MB floor.
    fill(join(fs.dir, "ballast"), Math.floor(freeMb(fs.dir) - 4));
    await waitFor(() => station.intake.paused !== undefined, 30_000, 100);
    expect(station.ops.alarms().map((a) => a.code)).toEqual(["OPS_DISK_LOW"]);
    expect(kioskAlarms).toContainEqual(expect.objectContaining({ code: "OPS_DISK_LOW", active: true }));

    const health = await station.http.app.inject({ method: "GET", url: "/healthz?ready=1" });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({
      status: "degraded",
      ready: false,
      alarms: [{ code: "OPS_DISK_LOW" }],
    });
    const metrics = (await station.http.app.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toMatch(/^trace_station_intake_paused 1$/m);
    expect(metrics).toMatch(/^trace_station_alarm\{code="OPS_DISK_LOW"\} 1$/m);

    // QoS 1 while paused: the broker drops the connection instead of a PUBACK; nothing stored.
    let acked = false;
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    const resent = publish(client, topic, { msgId: "m2", values: { air_temp: 21.5 } }).then(() => {
      acked = true;
    });
    await closed;
    expect(acked).toBe(false);
    expect(stored()).toBe(1);

    // Printing carries on while intake is paused (the preview printer writes a small PNG).
    const job = station.printing.enqueueTestPage("p1");
    await waitFor(() => station.printing.job(job.id).state === "done", 30_000, 100);

    // Forwarding carries on while intake is paused: the upstream comes back and gets m1.
    await upstream.start();
    await waitFor(() => upstream.received.length >= 1, 30_000, 100);
    expect(station.intake.paused).toBeDefined();

    // The store is not damaged by running against a full disk.
    const check = new BetterSqlite3(databasePath(dataDir), { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();

    // Space comes back: intake resumes by itself and the client's resend is stored once.
    fill(join(fs.dir, "ballast"), 0);
    await waitFor(() => station.intake.paused === undefined, 30_000, 100);
    await resent;
    expect(acked).toBe(true);
    expect(stored()).toBe(2);
    expect(station.ops.alarms()).toEqual([]);
    expect(kioskAlarms.at(-1)).toMatchObject({ code: "OPS_DISK_LOW", active: false });
    expect((await station.http.app.inject({ method: "GET", url: "/healthz?ready=1" })).statusCode).toBe(200);
  });

  it("with the floor off, a disk that really fills up drops the publisher, keeps the store intact, and takes the resend", async (ctx) => {
    const fs = mountTmpfs(16);
    if (typeof fs === "string") {
      ctx.skip(fs);
      return;
    }
    cleanups.push(() => fs.unmount());
    const dataDir = join(fs.dir, "data");
    const ts = await startTestStation({ ops: { diskFloorMb: 0 } }, {}, dataDir);
    cleanups.push(() => ts.stop());
    const { station } = ts;
    const password = await ts.addDevice("s1");
    const client = await mqtt.connectAsync(ts.mqttUrl, {
      username: "s1",
      password,
      reconnectPeriod: 200,
      clientId: "s1-enospc",
    });
    cleanups.push(() => client.endAsync(true));
    const topic = "trace/v1/dev/s1/reading";
    const stored = () => station.db.prepare("SELECT count(*) FROM messages").pluck().get() as number;
    await publish(client, topic, { msgId: "a1", values: { air_temp: 20 } });

    // Every last block taken (dd stops at ENOSPC).
    fill(join(fs.dir, "ballast"), 64);
    expect(freeMb(fs.dir)).toBeLessThan(0.1);
    // A payload larger than any free page, so SQLite must grow the WAL and hits ENOSPC.
    const big = { msgId: "a2", values: { air_temp: 21 }, note: "x".repeat(60_000) };
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    let acked = false;
    const resent = publish(client, topic, big).then(() => {
      acked = true;
    });
    await closed;
    expect(acked).toBe(false);

    fill(join(fs.dir, "ballast"), 0);
    await resent;
    expect(stored()).toBe(2);
    const check = new BetterSqlite3(databasePath(dataDir), { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
  });
});
