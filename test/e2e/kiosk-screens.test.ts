import type { MqttClient } from "mqtt";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, DAY_MS, seedTomatoFarm } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser, type SizeName } from "../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../helpers/kiosk-station.js";
import { connectDevice, waitFor } from "../helpers/mqtt-client.js";
import { PrinterEndpoint } from "../helpers/printer-endpoint.js";
import { removeDir } from "../helpers/station.js";

/**
 * Every main screen at 800×480 and 1280×800 with realistic content, saved for review, and the
 * state the worker must always see: a printer out of paper says so with what to do, a refused
 * device message shows its code on the devices page.
 */
let t: KioskTestStation;
let browser: KioskBrowser;
let page: Page;
let printer: PrinterEndpoint;
let sensor: MqttClient;
const WAIT = { timeout: 30_000 };
const SIZES: SizeName[] = ["small", "large"];

beforeAll(async () => {
  printer = new PrinterEndpoint();
  const printerPort = await printer.listen();
  t = await startKioskStation({
    printers: [
      { name: "packing", kind: "escpos", transport: { type: "tcp", host: "127.0.0.1", port: printerPort } },
    ],
  });
  const api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
  const now = Date.now();
  const { body } = await api.kiosk("POST", "/api/batches", {
    productId: "tomato",
    siteIds: ["gh1"],
    windowStart: now - 20 * DAY_MS,
  });
  const lot = body.batch.lot as string;
  for (const kg of [2.345, 2.41, 2.288, 2.502]) {
    await api.kiosk("POST", `/api/batches/${lot}/packages`, {
      netKg: kg,
      weighedAt: Date.now(),
      print: true,
    });
  }
  await waitFor(async () => {
    const states = (await api.get("/api/print-jobs")).body.jobs.map((j: { state: string }) => j.state);
    return states.length === 4 && states.every((state: string) => state === "done");
  }, 60_000);
  await api.kiosk("POST", "/api/incoming", {
    rawCode: "https://trace.example.cn/t/SUP-20261120-0007",
    supplier: "闽侯县青口镇合作社",
    quantity: 120,
    unit: "kg",
    receivedAt: now,
  });
  await api.kiosk("POST", "/api/incoming", {
    rawCode: "3501002026112000000123",
    supplier: "永泰县果蔬基地",
    receivedAt: now - 3600_000,
  });
  await api.kiosk("POST", "/api/tests", {
    kind: "screen",
    sample: "番茄",
    method: "GB/T 5009.199-2003",
    inhibition: 12.5,
    operator: "陈检测",
    batchLot: lot,
    testedAt: now,
  });
  await api.kiosk("POST", "/api/tests", {
    kind: "screen",
    sample: "韭菜",
    method: "GB/T 5009.199-2003",
    inhibition: 63,
    operator: "陈检测",
    testedAt: now - DAY_MS,
  });
  const password = await t.addDevice("th-gh1", "sensor");
  sensor = await connectDevice(t.mqttUrl, "th-gh1", password);
  await sensor.publishAsync(
    "trace/v1/dev/th-gh1/reading",
    JSON.stringify({ values: { air_temp: 23.4, air_rh: 61 } }),
    { qos: 1 },
  );
  // A wrong metric name: refused with a code the devices page must show.
  await sensor.publishAsync("trace/v1/dev/th-gh1/reading", JSON.stringify({ values: { airtemp: 23.4 } }), {
    qos: 1,
  });
  browser = await openKioskBrowser("large");
  page = browser.page;
  await page.goto(`${t.baseUrl}/kiosk/`);
  await page.evaluate(
    ([pin, l]) => {
      localStorage.setItem("kiosk.lot", l as string);
      localStorage.setItem("kiosk.pin", pin as string);
    },
    [TEST_PIN, lot],
  );
}, 120_000);

afterAll(async () => {
  if (browser?.problems.length) console.error(browser.problems.join("\n"));
  await browser?.close();
  await sensor?.endAsync();
  await t?.stop();
  await printer?.close();
  if (t) removeDir(t.dataDir);
});

async function shoot(name: string) {
  for (const size of SIZES) await browser.shot(name, size);
}

/** A slow, shared machine: each step waits for conditions, the whole test gets room. */
const E2E_TIMEOUT = 180_000;

describe("kiosk screens", () => {
  it(
    "weigh & print with four labels and a printer that is out of paper",
    async () => {
      await page.goto(`${t.baseUrl}/kiosk/#/pack`);
      await page.getByTestId("total").filter({ hasText: "4 " }).waitFor(WAIT);
      await page.getByTestId("last-labels").locator(".state.done").first().waitFor(WAIT);
      await shoot("pack-labels");
      // Paper runs out: the queue holds the next job for paper, and the chip turns red at once.
      printer.behaviour.paperStatus = 0x72;
      await apiClient(t.baseUrl).kiosk(
        "POST",
        `/api/packages/${encodeURIComponent(`${await page.getByTestId("batch-lot").textContent()}-001`)}/reprint`,
      );
      await page.getByTestId("printer-chip").and(page.locator(".bad")).waitFor(WAIT);
      await page.locator(".banner.bad", { hasText: "缺纸" }).waitFor(WAIT);
      expect(await page.locator(".banner.bad").first().textContent()).toContain("装入标签纸");
      await shoot("pack-paper-out");
      printer.behaviour.paperStatus = 0x12;
    },
    E2E_TIMEOUT,
  );

  it(
    "incoming lots, rapid tests and print history",
    async () => {
      await page.goto(`${t.baseUrl}/kiosk/#/lots`);
      await page.getByTestId("incoming-list").filter({ hasText: "闽侯县青口镇合作社" }).waitFor(WAIT);
      await shoot("lots");
      await page.goto(`${t.baseUrl}/kiosk/#/tests`);
      await page.locator("table.grid", { hasText: "韭菜" }).waitFor(WAIT);
      await shoot("tests");
      await page.goto(`${t.baseUrl}/kiosk/#/labels`);
      await page.getByTestId("jobs").waitFor(WAIT);
      expect(await page.getByTestId("jobs").textContent()).toContain("补打");
      await shoot("labels");
    },
    E2E_TIMEOUT,
  );

  it(
    "devices with the last refusal and its code, behind the PIN keypad",
    async () => {
      await page.evaluate(() => localStorage.removeItem("kiosk.pin"));
      await page.goto(`${t.baseUrl}/kiosk/#/devices`);
      await page.getByTestId("pin-dots").waitFor(WAIT);
      await shoot("pin-keypad");
      for (const digit of TEST_PIN)
        await page.locator(".keypad .key", { hasText: new RegExp(`^${digit}$`) }).click();
      await page.locator(".keypad .key.primary").click();
      await page.getByTestId("devices").filter({ hasText: "INTAKE_UNKNOWN_METRIC" }).waitFor(WAIT);
      await shoot("devices");
    },
    E2E_TIMEOUT,
  );

  it(
    "switches to English",
    async () => {
      await page.goto(`${t.baseUrl}/kiosk/#/pack`);
      await page.locator("#lang").click();
      await page.getByTestId("print").filter({ hasText: "Print label" }).waitFor(WAIT);
      await shoot("pack-english");
    },
    E2E_TIMEOUT,
  );
});
