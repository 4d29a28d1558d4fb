import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI } from "../../helpers/cli.js";
import { waitFor } from "../../helpers/poll.js";
import { createPtyPair, type PtyPair } from "../../helpers/pty.js";
import { removeDir, startTestStation, type TestStation, tempDir } from "../../helpers/station.js";

/**
 * The same rules judge a Modbus RTU sensor polled over a real pty (the station's own driver,
 * publishing in-process) as an MQTT device: a threshold rule raises once however many readings
 * stay over it, and a silent rule raises when the sensor stops answering and clears when it is back.
 */
const dir = tempDir("alarms-modbus");
let bus: PtyPair;
let t: TestStation;
let slave: ChildProcess | undefined;

async function startSlave(): Promise<void> {
  const child = spawn(
    process.execPath,
    [CLI, "simulate", "modbus-sensor", "--model", "air-th-rs485", "--port", bus.b],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  slave = child;
  await waitFor(() => stderr.includes("Ctrl-C"), 15_000);
}

async function stopSlave(): Promise<void> {
  if (slave && slave.exitCode === null) {
    slave.kill("SIGTERM");
    await once(slave, "exit");
  }
  slave = undefined;
}

const alarms = () => t.station.alarms.store.list({ state: "all" }).sort((a, b) => a.id - b.id);

beforeAll(async () => {
  bus = await createPtyPair(dir);
  t = await startTestStation({
    drivers: {
      modbus: [
        {
          id: "rs485-1",
          serial: { path: bus.a },
          timeoutMs: 300,
          gapMs: 80,
          sensors: [
            { id: "cold-1", model: "air-th-rs485", address: 1, pollIntervalMs: 1000, site: "coldroom" },
          ],
        },
      ],
    },
    alarms: {
      silentCheckSec: 1,
      rules: [
        // The simulator reads 20–27 °C: a cold room far too warm, every reading over the limit.
        { id: "cold-warm", preset: "cold-room-warm", site: "coldroom", forSec: 2 },
        { id: "cold-silent", kind: "silent", metric: "air_temp", device: "cold-1", silentSec: 5 },
      ],
    },
  });
});

afterAll(async () => {
  await stopSlave();
  await t?.stop();
  await bus?.unplug();
  removeDir(dir);
});

describe("alarms on a Modbus sensor over a pty", () => {
  it("raises once for a lasting breach, and a silent-sensor alarm when the sensor stops", async () => {
    await startSlave();
    await waitFor(() => alarms().some((a) => a.ruleId === "cold-warm"), 20_000, 100);
    const readingsAtRaise = t.station.db
      .prepare("SELECT count(*) AS n FROM messages WHERE device_id = 'cold-1'")
      .get() as { n: number };
    await waitFor(
      () => {
        const n = (
          t.station.db.prepare("SELECT count(*) AS n FROM messages WHERE device_id = 'cold-1'").get() as {
            n: number;
          }
        ).n;
        return n >= readingsAtRaise.n + 4;
      },
      20_000,
      100,
    );
    expect(alarms().filter((a) => a.ruleId === "cold-warm")).toHaveLength(1);
    expect(alarms().find((a) => a.ruleId === "cold-warm")).toMatchObject({
      deviceId: "cold-1",
      siteId: "coldroom",
      state: "raised",
    });

    // (On a loaded machine the slave may start later than silentSec after the station: that
    // earlier silence is an episode of its own, already cleared. Judge the one the unplug causes.)
    const openSilent = () => alarms().find((a) => a.ruleId === "cold-silent" && a.cleared === null);
    expect(openSilent()).toBeUndefined();
    await stopSlave();
    await waitFor(() => openSilent() !== undefined, 15_000, 100);
    const silent = openSilent();
    expect(silent).toMatchObject({ deviceId: "cold-1", kind: "silent", state: "raised" });

    await startSlave();
    await waitFor(() => t.station.alarms.store.get(silent?.id ?? 0)?.state === "cleared", 15_000, 100);
    // The warm-room episode went on through the silence: still one alarm, still open.
    expect(
      alarms()
        .filter((a) => a.ruleId === "cold-warm")
        .map((a) => a.state),
    ).toEqual(["raised"]);
  }, 60_000);
});
