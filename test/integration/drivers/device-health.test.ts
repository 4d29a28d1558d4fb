import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModels } from "../../../drivers/modbus/model-loader.js";
import { SCALE_PROTOCOLS } from "../../../drivers/scale/protocols/index.js";
import { LINE_9600_8N1, serialSettings } from "../../../drivers/serial-defaults.js";
import { ModbusSlaveSimulator } from "../../../drivers/simulators/modbus-slave.js";
import { DEFAULT_SIMULATOR, ScaleSimulator } from "../../../drivers/simulators/scale-simulator.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { systemClock } from "../../../edge/core/clock.js";
import { runDoctor } from "../../../edge/ops/doctor/run-doctor.js";
import { apiClient } from "../../helpers/kiosk-api.js";
import { openKioskBrowser } from "../../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../../helpers/kiosk-station.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { createPtyPair, type PtyPair } from "../../helpers/pty.js";
import { SseReader } from "../../helpers/sse-reader.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Issue 14 acceptance: device health reaches the operator. Real station, real serialport
 * binding over socat ptys: a working scale, one configured with the wrong protocol, a silent
 * indicator, and an RS-485 bus with a live and a dead sensor. Within 10 s each shows its code
 * and remedy in /api/devices, on the live feed, in /metrics, in doctor and on the kiosk page.
 */
const dir = tempDir("device-health");
const ptys: PtyPair[] = [];
const ends: SerialTransport[] = [];
const simulators: ScaleSimulator[] = [];
let t: KioskTestStation;
let startedAt = 0;
const sse = new SseReader();

async function pty(name: string): Promise<PtyPair> {
  mkdirSync(join(dir, name));
  const pair = await createPtyPair(join(dir, name));
  ptys.push(pair);
  return pair;
}

async function deviceEnd(path: string): Promise<SerialTransport> {
  const end = new SerialTransport(serialSettings({ path }, LINE_9600_8N1));
  await end.open();
  ends.push(end);
  return end;
}

async function feedScale(path: string): Promise<void> {
  const sim = new ScaleSimulator(await deviceEnd(path), systemClock, {
    ...DEFAULT_SIMULATOR,
    protocol: SCALE_PROTOCOLS["yaohua-tf0"],
    frameIntervalMs: 50,
  });
  sim.start();
  simulators.push(sim);
}

type Listed = {
  id: string;
  online: boolean;
  health: { problem: { code: string; remedy: { zh: string } } | null } | null;
};

beforeAll(async () => {
  const [ok, wrong, silent, bus] = [
    await pty("ok"),
    await pty("wrong"),
    await pty("silent"),
    await pty("bus"),
  ];
  t = await startKioskStation({
    drivers: {
      scales: [
        { id: "scale-ok", protocol: "yaohua-tf0", serial: { path: ok.a } },
        // The indicator sends Yaohua tf=0 frames; the station was told Toledo.
        { id: "scale-wrong", protocol: "toledo", serial: { path: wrong.a } },
        { id: "scale-silent", protocol: "yaohua-tf0", serial: { path: silent.a } },
      ],
      modbus: [
        {
          id: "rs485",
          serial: { path: bus.a },
          timeoutMs: 300,
          sensors: [
            { id: "air-live", model: "air-th-rs485", address: 1, pollIntervalMs: 1000 },
            { id: "soil-dead", model: "soil-4in1-rs485", address: 7, pollIntervalMs: 1000 },
          ],
        },
      ],
    },
  });
  startedAt = Date.now();
  await sse.open(`${t.baseUrl}/api/events`);
  await feedScale(ok.b);
  await feedScale(wrong.b);
  await deviceEnd(silent.b);
  const models = loadModels();
  new ModbusSlaveSimulator(await deviceEnd(bus.b), new Map([[1, { model: models.get("air-th-rs485")! }]]));
}, 60_000);

afterAll(async () => {
  await sse.close();
  for (const sim of simulators) sim.stop();
  for (const end of ends) await end.close().catch(() => undefined);
  await t?.stop();
  for (const p of ptys) await p.unplug();
  removeDir(dir);
});

describe("device health reaches the operator", () => {
  it("/api/devices: codes with remedies within 10 s; the working serial scale is online", async () => {
    const api = apiClient(t.baseUrl);
    let devices: Listed[] = [];
    const code = (id: string) => devices.find((d) => d.id === id)?.health?.problem?.code;
    await waitFor(async () => {
      devices = (await api.kiosk("GET", "/api/devices")).body.devices;
      return (
        code("scale-wrong") === "DRIVER_NO_FRAMES" &&
        code("scale-silent") === "DRIVER_SILENT" &&
        code("soil-dead") === "DRIVER_MODBUS_TIMEOUT" &&
        // Offline once dead: three unanswered polls in a row.
        devices.find((d) => d.id === "soil-dead")?.online === false &&
        devices.find((d) => d.id === "scale-ok")?.online === true
      );
    }, 15_000);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    const wrong = devices.find((d) => d.id === "scale-wrong")!;
    expect(wrong.online).toBe(false);
    expect(wrong.health!.problem!.remedy.zh).toContain("波特率");
    expect(JSON.stringify(wrong.health)).toContain("9600 7E1");
    expect(devices.find((d) => d.id === "scale-ok")!.health!.problem).toBeNull();
    expect(devices.find((d) => d.id === "air-live")).toMatchObject({ online: true });
    expect(devices.find((d) => d.id === "soil-dead")).toMatchObject({ online: false });
    // The devices table (CLI `device list`) follows the driver too.
    const row = (id: string) => t.station.devices.list().find((d) => d.id === id)?.online;
    await waitFor(() => row("scale-ok") === true && row("scale-silent") === false, 3000);
    expect(row("scale-wrong")).toBe(false);
    const scales = (await api.get("/api/scales")).body.scales as Array<{ deviceId: string; online: boolean }>;
    expect(scales.find((s) => s.deviceId === "scale-ok")?.online).toBe(true);
    expect(scales.find((s) => s.deviceId === "scale-silent")?.online).toBe(false);
  });

  it("the live feed carries each device's change of health (within the 1 s health check)", async () => {
    const codes = (id: string) =>
      (sse.of("device") as Array<{ deviceId: string; problem: { code: string } | null }>)
        .filter((e) => e.deviceId === id)
        .map((e) => e.problem?.code);
    await waitFor(
      () =>
        codes("scale-wrong").includes("DRIVER_NO_FRAMES") &&
        codes("scale-silent").includes("DRIVER_SILENT") &&
        codes("soil-dead").includes("DRIVER_MODBUS_TIMEOUT"),
      3000,
    );
  });

  it("/metrics: per-device series with a device label", async () => {
    const body = (await apiClient(t.baseUrl).get("/metrics")).body as string;
    expect(body).toMatch(/trace_station_device_online\{device="scale-ok",kind="scale"\} 1/);
    expect(body).toMatch(/trace_station_device_online\{device="scale-wrong",kind="scale"\} 0/);
    expect(body).toMatch(
      /trace_station_device_problem\{device="scale-wrong",kind="scale",code="DRIVER_NO_FRAMES"\} 1/,
    );
    expect(body).toMatch(
      /trace_station_device_problem\{device="soil-dead",kind="modbus-sensor",code="DRIVER_MODBUS_TIMEOUT"\} 1/,
    );
    // The first poll may go out before the slave is listening: most, not all, were answered.
    const rate =
      /trace_station_device_modbus_answer_ratio\{device="air-live",kind="modbus-sensor"\} ([\d.]+)/.exec(
        body,
      );
    expect(Number(rate?.[1])).toBeGreaterThanOrEqual(0.5);
    const frames = /trace_station_device_frames_total\{device="scale-ok",kind="scale"\} (\d+)/.exec(body);
    expect(Number(frames?.[1])).toBeGreaterThan(10);
    const discarded =
      /trace_station_device_discarded_bytes_total\{device="scale-wrong",kind="scale"\} (\d+)/.exec(body);
    expect(Number(discarded?.[1])).toBeGreaterThanOrEqual(64);
  });

  it("doctor against the running station lists each device in trouble with its code and remedy", async () => {
    const file = join(dir, "doctor.json");
    writeFileSync(
      file,
      JSON.stringify({
        station: { code: "T1" },
        dataDir: join(dir, "doctor-data"),
        http: { host: "127.0.0.1", port: t.station.ports.http },
        mqtt: { host: "127.0.0.1", port: 0 },
      }),
    );
    const report = await runDoctor({ configFile: file, timeoutMs: 2000 });
    const check = (id: string) => report.checks.find((c) => c.id === `device:${id}`);
    expect(check("scale-wrong")).toMatchObject({ status: "warn", code: "DRIVER_NO_FRAMES" });
    expect(check("scale-wrong")!.remedy!.zh).toContain("protocol");
    expect(check("scale-silent")).toMatchObject({ status: "warn", code: "DRIVER_SILENT" });
    expect(check("soil-dead")).toMatchObject({ status: "warn", code: "DRIVER_MODBUS_TIMEOUT" });
    expect(check("scale-ok")).toMatchObject({ status: "ok" });
  });

  it("an MQTT device's last refusal is its problem, with the remedy, until a good message arrives", async () => {
    const api = apiClient(t.baseUrl);
    const secret = await t.addDevice("esp-gh1", "sensor");
    const client = await connectDevice(t.mqttUrl, "esp-gh1", secret);
    try {
      const problem = async () =>
        (
          (await api.kiosk("GET", "/api/devices")).body.devices as Array<{
            id: string;
            problem: { code: string; remedy: { zh: string } } | null;
          }>
        ).find((d) => d.id === "esp-gh1")?.problem;
      await client.publishAsync("trace/v1/dev/esp-gh1/reading", JSON.stringify({ values: { airtemp: 21 } }), {
        qos: 1,
      });
      await waitFor(async () => (await problem())?.code === "INTAKE_UNKNOWN_METRIC", 5000);
      expect((await problem())!.remedy.zh.length).toBeGreaterThan(5);
      await new Promise((r) => setTimeout(r, 5));
      await client.publishAsync(
        "trace/v1/dev/esp-gh1/reading",
        JSON.stringify({ values: { air_temp: 21 } }),
        { qos: 1 },
      );
      await waitFor(async () => (await problem()) === null, 5000);
    } finally {
      await client.endAsync();
    }
  });

  it("the kiosk devices page (Chromium) shows the code and the remedy; the working scale is online", async () => {
    const browser = await openKioskBrowser("large");
    try {
      const { page } = browser;
      await page.goto(`${t.baseUrl}/kiosk/`);
      await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
      await page.goto(`${t.baseUrl}/kiosk/#/devices`);
      const wrong = page.getByTestId("health-scale-wrong");
      await wrong.filter({ hasText: "DRIVER_NO_FRAMES" }).waitFor({ timeout: 20_000 });
      expect(await wrong.textContent()).toContain("波特率");
      await page
        .getByTestId("health-scale-silent")
        .filter({ hasText: "DRIVER_SILENT" })
        .waitFor({ timeout: 5000 });
      await page
        .getByTestId("health-soil-dead")
        .filter({ hasText: "DRIVER_MODBUS_TIMEOUT" })
        .waitFor({ timeout: 5000 });
      const okRow = page.locator("tr", { has: page.getByTestId("health-scale-ok") });
      expect(await okRow.textContent()).toContain("在线");
      // The status bar says devices are in trouble, from the live feed.
      await page.getByTestId("device-chip").filter({ hasText: "异常" }).waitFor({ timeout: 5000 });
      await browser.shot("devices-health", "large");
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${browser.problems.join("\n")}`);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
