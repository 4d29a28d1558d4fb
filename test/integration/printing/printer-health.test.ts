import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDoctor } from "../../../edge/ops/doctor/run-doctor.js";
import { apiClient } from "../../helpers/kiosk-api.js";
import { openKioskBrowser } from "../../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../../helpers/kiosk-station.js";
import { waitFor } from "../../helpers/poll.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import { SseReader } from "../../helpers/sse-reader.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Issue 14: printers are devices. A real station with a label printer on a local TCP endpoint
 * (port 9100 style, answering ESC/POS status): when the endpoint goes away the printer shows
 * offline with code and remedy in /api/devices, /metrics, doctor and on the live feed within
 * 10 s, and online again once it is back; paper out and an open cover are codes of their own.
 */
const dir = tempDir("printer-health");
let endpoint: PrinterEndpoint;
let port = 0;
let t: KioskTestStation;
const sse = new SseReader();

interface Listed {
  id: string;
  kind: string;
  online: boolean;
  internal: boolean;
  health: {
    link: string;
    problem: { code: string; remedy: { zh: string; en: string } } | null;
    printer: { state: string; jobsDone: number } | null;
  } | null;
}

async function printer(): Promise<Listed | undefined> {
  const devices = (await apiClient(t.baseUrl).kiosk("GET", "/api/devices")).body.devices as Listed[];
  return devices.find((d) => d.id === "label1");
}

/** The kiosk devices page (Chromium) lists the printer with code and remedy; its chip says offline. */
async function expectKioskShowsOffline(): Promise<void> {
  const browser = await openKioskBrowser("large");
  try {
    const { page } = browser;
    await page.goto(`${t.baseUrl}/kiosk/`);
    await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
    await page.goto(`${t.baseUrl}/kiosk/#/devices`);
    const cell = page.getByTestId("health-label1");
    await cell.filter({ hasText: "PRINTER_UNREACHABLE" }).waitFor({ timeout: 20_000 });
    expect(await cell.textContent()).toContain("9100");
    const row = page.locator("tr", { has: cell });
    expect(await row.textContent()).toContain("离线");
    await page.getByTestId("printer-chip").filter({ hasText: "离线" }).waitFor({ timeout: 5000 });
    await browser.shot("devices-printer-offline", "large");
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${browser.problems.join("\n")}`);
  } finally {
    await browser.close();
  }
}

const metrics = async () => (await apiClient(t.baseUrl).get("/metrics")).body as string;

beforeAll(async () => {
  endpoint = new PrinterEndpoint();
  port = await endpoint.listen();
  t = await startKioskStation({
    printers: [
      {
        name: "label1",
        kind: "escpos",
        transport: { type: "tcp", host: "127.0.0.1", port },
        statusTimeoutMs: 1000,
        connectTimeoutMs: 1000,
        healthCheckMs: 1000,
      },
    ],
  });
  await sse.open(`${t.baseUrl}/api/events`);
}, 60_000);

afterAll(async () => {
  await sse.close();
  await t?.stop();
  await endpoint?.close();
  removeDir(dir);
});

describe("a TCP printer as a device", () => {
  it("is listed as an online printer once checked, with its job totals", async () => {
    await waitFor(async () => (await printer())?.online === true, 10_000);
    expect(await printer()).toMatchObject({
      kind: "printer",
      internal: true,
      health: { link: "up", problem: null, printer: { state: "ready", jobsDone: 0 } },
    });
    const body = await metrics();
    expect(body).toMatch(/trace_station_device_online\{device="label1",kind="printer"\} 1/);
    expect(body).toMatch(/trace_station_device_printer_jobs_done_total\{device="label1",kind="printer"\} 0/);
  });

  it("goes offline with code and remedy within 10 s of the endpoint going down, and comes back", {
    timeout: 90_000,
  }, async () => {
    await endpoint.close();
    const downAt = Date.now();
    await waitFor(async () => (await printer())?.online === false, 15_000);
    expect(Date.now() - downAt).toBeLessThan(10_000);
    const down = (await printer())!;
    expect(down.health).toMatchObject({ link: "down", printer: { state: "unreachable" } });
    expect(down.health!.problem!.code).toBe("PRINTER_UNREACHABLE");
    expect(down.health!.problem!.remedy.zh).toContain("9100");
    const body = await metrics();
    expect(body).toMatch(/trace_station_device_online\{device="label1",kind="printer"\} 0/);
    expect(body).toMatch(/trace_station_device_link_up\{device="label1",kind="printer"\} 0/);
    expect(body).toMatch(
      /trace_station_device_problem\{device="label1",kind="printer",code="PRINTER_UNREACHABLE"\} 1/,
    );
    expect(body).toMatch(
      /trace_station_device_problem_remedy\{device="label1",kind="printer",code="PRINTER_UNREACHABLE",remedy="[^"]*9100[^"]*"\} 1/,
    );
    const events = () =>
      (sse.of("device") as Array<{ deviceId: string; problem: { code: string } | null }>)
        .filter((e) => e.deviceId === "label1")
        .map((e) => e.problem?.code ?? "ok");
    await waitFor(() => events().includes("PRINTER_UNREACHABLE"), 3000);

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
    const check = report.checks.find((c) => c.id === "device:label1");
    expect(check).toMatchObject({ status: "warn", code: "PRINTER_UNREACHABLE" });
    expect(check!.remedy!.zh).toContain("9100");

    await expectKioskShowsOffline();

    endpoint = new PrinterEndpoint();
    await endpoint.listen(port);
    const upAt = Date.now();
    await waitFor(async () => (await printer())?.online === true, 15_000);
    expect(Date.now() - upAt).toBeLessThan(10_000);
    expect((await printer())!.health).toMatchObject({ link: "up", problem: null });
    expect(await metrics()).toMatch(/trace_station_device_online\{device="label1",kind="printer"\} 1/);
    await waitFor(() => events().at(-1) === "ok", 3000);
  });

  it("paper out is its own code, with the remedy to load paper", async () => {
    endpoint.behaviour.paperStatus = 0x72;
    await waitFor(async () => (await printer())?.health?.problem?.code === "PRINTER_PAPER_OUT", 10_000);
    const out = (await printer())!;
    expect(out).toMatchObject({ online: false, health: { link: "up", printer: { state: "paper-out" } } });
    expect(out.health!.problem!.remedy.zh).toContain("纸");
    endpoint.behaviour.paperStatus = 0x12;
    await waitFor(async () => (await printer())?.online === true, 10_000);
  });

  it("an ESC/POS printer off-line with its cover open says so (DLE EOT 2), with the remedy to close it", async () => {
    endpoint.behaviour.printerStatus = 0x1e;
    endpoint.behaviour.causeStatus = 0x16;
    await waitFor(async () => (await printer())?.health?.problem?.code === "PRINTER_COVER_OPEN", 10_000);
    const open = (await printer())!;
    expect(open).toMatchObject({ online: false, health: { link: "up", printer: { state: "cover-open" } } });
    expect(open.health!.problem!.remedy.zh).toContain("合上");
    endpoint.behaviour.printerStatus = 0x16;
    endpoint.behaviour.causeStatus = 0x12;
    await waitFor(async () => (await printer())?.online === true, 10_000);
  });
});
