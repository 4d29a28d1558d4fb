import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModels } from "../../../drivers/modbus/model-loader.js";
import { SCALE_PROTOCOLS } from "../../../drivers/scale/protocols/index.js";
import { ModbusSlaveSimulator } from "../../../drivers/simulators/modbus-slave.js";
import { DEFAULT_SIMULATOR, ScaleSimulator } from "../../../drivers/simulators/scale-simulator.js";
import { systemClock } from "../../../edge/core/clock.js";
import { DeviceServer } from "../../helpers/device-server.js";
import { waitFor } from "../../helpers/poll.js";
import { startTestStation, type TestStation } from "../../helpers/station.js";

/**
 * Issue 14: devices behind serial-over-TCP device servers, through the same transport seam
 * and reconnect supervision as serial ports. A real station; local TCP sockets play the
 * device servers: one with a Yaohua A12 indicator, one with a Modbus RTU air sensor.
 */
const scaleServer = new DeviceServer();
const busServer = new DeviceServer();
let simulator: ScaleSimulator;
let t: TestStation;
const RECONNECT_MAX_MS = 500;

const count = (deviceId: string, kind: string) =>
  (
    t.station.db
      .prepare("SELECT count(*) AS n FROM messages WHERE device_id = ? AND kind = ?")
      .get(deviceId, kind) as {
      n: number;
    }
  ).n;
const health = (id: string) => t.station.drivers.health().find((h) => h.id === id)!;

beforeAll(async () => {
  await scaleServer.plugIn();
  await busServer.plugIn();
  simulator = new ScaleSimulator(scaleServer, systemClock, {
    ...DEFAULT_SIMULATOR,
    protocol: SCALE_PROTOCOLS["yaohua-a12"],
    frameIntervalMs: 50,
    emptyMs: 400,
    settleMs: 300,
    holdMs: 1200,
  });
  simulator.start();
  new ModbusSlaveSimulator(busServer, new Map([[1, { model: loadModels().get("air-th-rs485")! }]]));
  t = await startTestStation({
    drivers: {
      reconnectMaxMs: RECONNECT_MAX_MS,
      scales: [
        {
          id: "scale-net",
          protocol: "yaohua-a12",
          serial: { path: `tcp://127.0.0.1:${scaleServer.port}` },
          stability: { frames: 4, windowMs: 300 },
        },
      ],
      modbus: [
        {
          id: "rtu-over-tcp",
          serial: { path: `tcp://127.0.0.1:${busServer.port}` },
          timeoutMs: 500,
          sensors: [{ id: "air-net", model: "air-th-rs485", address: 1, pollIntervalMs: 1000 }],
        },
      ],
    },
  });
}, 30_000);

afterAll(async () => {
  simulator?.stop();
  await t?.stop();
  await scaleServer.unplug();
  await busServer.unplug();
});

describe("serial-over-TCP device servers", () => {
  it("a scale behind a TCP socket is decoded and its weights stored; the health names the link", async () => {
    await waitFor(() => count("scale-net", "weight") >= 1, 15_000);
    expect(health("scale-net")).toMatchObject({
      online: true,
      link: "up",
      port: `tcp://127.0.0.1:${scaleServer.port}`,
      problem: null,
    });
  });

  it("Modbus RTU over the same kind of link yields readings", async () => {
    await waitFor(() => count("air-net", "reading") >= 2, 10_000);
    expect(health("air-net")).toMatchObject({ online: true });
  });

  it("unplug (socket closed) shows the device absent; replug recovers within the backoff", async () => {
    await scaleServer.unplug();
    await waitFor(() => health("scale-net").problem?.code === "DRIVER_DEVICE_ABSENT", 5000);
    expect(health("scale-net")).toMatchObject({ online: false, link: "down" });
    await new Promise((r) => setTimeout(r, 1500));
    const before = count("scale-net", "weight");
    const connections = scaleServer.connections;
    await scaleServer.plugIn();
    const replugged = Date.now();
    await waitFor(() => scaleServer.connections > connections, 5000);
    // Within one backoff step (at most reconnectMaxMs) plus scheduling noise.
    expect(Date.now() - replugged).toBeLessThan(RECONNECT_MAX_MS + 1000);
    await waitFor(() => health("scale-net").online, 5000);
    await waitFor(() => count("scale-net", "weight") > before, 15_000);
    expect(health("scale-net").reconnects).toBeGreaterThanOrEqual(1);
  });
});
