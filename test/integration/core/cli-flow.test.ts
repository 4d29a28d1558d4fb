import { once } from "node:events";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildStation, spawnStation } from "../../helpers/child-station.js";
import { runCliSync } from "../../helpers/cli.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { removeDir, tempDir } from "../../helpers/station.js";

describe("a technician's first session, against the built station", () => {
  let dir: string;
  let station: ChildStation;

  beforeAll(async () => {
    dir = tempDir("cli");
    station = await spawnStation(["--data", dir]);
  });
  afterAll(async () => {
    station.process.kill("SIGTERM");
    await station.exited;
    removeDir(dir);
  });

  it("adds a device, the device publishes over MQTT, and `readings` shows it", async () => {
    const added = runCliSync([
      "device",
      "add",
      "gh1-air",
      "--kind",
      "sensor",
      "--site",
      "G1",
      "--json",
      "--data",
      dir,
    ]);
    expect(added.status, added.stderr).toBe(0);
    const creds = JSON.parse(added.stdout) as { username: string; password: string };
    expect(creds.username).toBe("gh1-air");

    const client = await connectDevice(
      `mqtt://127.0.0.1:${station.ports.mqtt}`,
      creds.username,
      creds.password,
    );
    for (let i = 0; i < 3; i++) {
      await client.publishAsync(
        "trace/v1/dev/gh1-air/reading",
        JSON.stringify({
          msgId: `m${i}`,
          ts: `2026-05-01T0${i}:00:00+08:00`,
          values: { air_temp: 20 + i, air_rh: 60 },
        }),
        { qos: 1 },
      );
    }
    await client.endAsync();

    const out = runCliSync(["readings", "--device", "gh1-air", "--data", dir]);
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { msgId: string; values: { air_temp: number } });
    expect(lines.map((l) => l.msgId)).toEqual(["m0", "m1", "m2"]);
    expect(lines[2]?.values.air_temp).toBe(22);

    const since = runCliSync([
      "readings",
      "--device",
      "gh1-air",
      "--since",
      "2026-05-01T01:00:00+08:00",
      "--data",
      dir,
    ]);
    expect(since.stdout.trim().split("\n")).toHaveLength(2);

    const list = runCliSync(["device", "list", "--json", "--data", dir]);
    const devices = list.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; site: string });
    expect(devices.find((d) => d.id === "gh1-air")).toMatchObject({ site: "G1" });
    expect(runCliSync(["device", "add", "gh1-air", "--kind", "sensor", "--data", dir]).stderr).toContain(
      "DEVICE_EXISTS",
    );
    expect(runCliSync(["device", "remove", "gh1-air", "--data", dir]).status).toBe(0);
  });

  it("never writes a device secret in plain text to the database", () => {
    const added = runCliSync(["device", "add", "scale-9", "--kind", "scale", "--json", "--data", dir]);
    const { password } = JSON.parse(added.stdout) as { password: string };
    // Every byte on disk: the database and its write-ahead log.
    for (const file of ["station.db", "station.db-wal"]) {
      const bytes = existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : Buffer.alloc(0);
      expect(bytes.includes(Buffer.from(password))).toBe(false);
    }
  });
});

describe("a port already taken", () => {
  it("is named with its code and the process exits instead of hanging", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const port = (blocker.address() as AddressInfo).port;
    const dir = tempDir("port");
    const out = runCliSync(["start", "--data", dir, "--mqtt-port", String(port), "--http-port", "0"]);
    blocker.close();
    expect(out.status, out.stderr).toBe(1);
    expect(out.stderr).toContain("OPS_PORT_IN_USE");
    expect(out.stderr).toContain(String(port));
    removeDir(dir);
  });
});

describe("a bad configuration", () => {
  it("is refused with every problem listed and exit code 78", () => {
    const dir = tempDir("badcfg");
    const file = join(dir, "config.yaml");
    writeFileSync(file, "mqtt:\n  port: 99999\n  allowAnonymous: maybe\nstation:\n  code: x\ncolour: blue\n");
    const out = runCliSync(["start", "--config", file, "--data", dir]);
    expect(out.status, out.stderr).toBe(78);
    expect(out.stderr).toContain("CONFIG_INVALID");
    for (const path of ["/mqtt/port", "/mqtt/allowAnonymous", "/station/code"])
      expect(out.stderr).toContain(path);
    removeDir(dir);
  });

  it("`init` writes a commented example that the station starts with", async () => {
    const dir = tempDir("init");
    const file = join(dir, "config.yaml");
    expect(runCliSync(["init", "--out", file]).status).toBe(0);
    const station = await spawnStation(["--config", file, "--data", dir]);
    station.process.kill("SIGTERM");
    expect((await station.exited).code).toBe(0);
    removeDir(dir);
  });
});
