import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { spawnStation } from "../../helpers/child-station.js";
import { runCliSync } from "../../helpers/cli.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { removeDir, startTestStation, tempDir } from "../../helpers/station.js";
import { selfSignedCert } from "../../helpers/uplink-tls.js";

describe("SIGTERM", () => {
  it("commits what is pending, acknowledges it, and exits 0", async () => {
    const dir = tempDir("term");
    const { password } = JSON.parse(
      runCliSync(["device", "add", "t1", "--kind", "sensor", "--json", "--data", dir]).stdout,
    ) as {
      password: string;
    };
    // A long commit delay keeps messages pending when SIGTERM arrives.
    const cfg = join(dir, "config.yaml");
    writeFileSync(cfg, "intake:\n  commitMaxDelayMs: 500\n  commitMaxMessages: 100000\n");
    const station = await spawnStation(["--config", cfg, "--data", dir]);
    const client = await connectDevice(`mqtt://127.0.0.1:${station.ports.mqtt}`, "t1", password);
    const acks = Array.from({ length: 50 }, (_, i) =>
      client.publishAsync(
        "trace/v1/dev/t1/reading",
        JSON.stringify({ msgId: `s${i}`, values: { co2: 500 } }),
        { qos: 1 },
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    station.process.kill("SIGTERM");
    const { code } = await station.exited;
    client.end(true); // rejects whatever was never acknowledged
    const results = await Promise.allSettled(acks);
    expect(code).toBe(0);
    const db = new BetterSqlite3(join(dir, "station.db"), { readonly: true });
    const stored = new Set(db.prepare("SELECT msg_id FROM messages").pluck().all() as string[]);
    db.close();
    results.forEach((r, i) => {
      if (r.status === "fulfilled") expect(stored.has(`s${i}`)).toBe(true);
    });
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(50);
    removeDir(dir);
  });
});

describe("MQTT over TLS", () => {
  it("accepts devices over TLS when a certificate and key are configured", async () => {
    const dir = tempDir("tls");
    const { certFile: cert, keyFile: key } = selfSignedCert(dir);
    const t = await startTestStation({ mqtt: { tls: { port: 0, cert, key } } });
    const password = await t.addDevice("secure-1");
    const client = await mqtt.connectAsync(`mqtts://127.0.0.1:${t.station.ports.mqttTls}`, {
      username: "secure-1",
      password,
      ca: readFileSync(cert),
      reconnectPeriod: 0,
    });
    await client.publishAsync(
      "trace/v1/dev/secure-1/reading",
      JSON.stringify({ msgId: "x", values: { light: 1200 } }),
      {
        qos: 1,
      },
    );
    await client.endAsync();
    expect(
      t.station.db.prepare("SELECT count(*) AS n FROM messages WHERE device_id = 'secure-1'").get(),
    ).toEqual({ n: 1 });
    await t.stop();
    removeDir(dir);
  });
});

describe("a half-open connection at shutdown", () => {
  it("does not hold the station for aedes's connect timeout", async () => {
    const t = await startTestStation();
    // A TCP connection that never sends CONNECT.
    const socket = connect(t.station.ports.mqtt ?? 0, "127.0.0.1");
    await once(socket, "connect");
    const started = Date.now();
    await t.stop();
    socket.destroy();
    // aedes would wait connectTimeout (30 s); a clean stop is far below that even on a busy machine.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
