import type { MqttClient } from "mqtt";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEscpos } from "../helpers/escpos-stream.js";
import { apiClient, DAY_MS, seedTomatoFarm, TEST_GTIN } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import {
  freePort,
  type KioskTestStation,
  startKioskStation,
  TEST_ADMIN_TOKEN,
  TEST_PIN,
} from "../helpers/kiosk-station.js";
import { connectDevice } from "../helpers/mqtt-client.js";
import { PrinterEndpoint } from "../helpers/printer-endpoint.js";
import { removeDir } from "../helpers/station.js";

/**
 * The packing-house flow in a real Chromium against a real station: open a batch, a weight
 * from a scale over MQTT, tap print; a blocked certificate shows its reasons and is issued
 * under a supervisor override; the trace page shows the package and the certificate.
 */
let t: KioskTestStation;
let browser: KioskBrowser;
let scale: MqttClient;
let page: Page;
let printer: PrinterEndpoint;
let lot = "";
let serial = "";
let qrUrl = "";

const WAIT = { timeout: 30_000 };

async function typePin(p: Page, pin = TEST_PIN) {
  await p.getByTestId("pin-dots").waitFor(WAIT);
  for (const digit of pin) await p.locator(".keypad .key", { hasText: new RegExp(`^${digit}$`) }).click();
  await p.locator(".keypad .key.primary").click();
}

beforeAll(async () => {
  printer = new PrinterEndpoint();
  const printerPort = await printer.listen();
  // The QR points at this station, so the decoded URL can be opened in the browser afterwards.
  const httpPort = await freePort();
  t = await startKioskStation({
    http: { port: httpPort },
    printers: [
      { name: "packing", kind: "escpos", transport: { type: "tcp", host: "127.0.0.1", port: printerPort } },
    ],
    labels: { qr: { baseUrl: `http://127.0.0.1:${httpPort}` } },
  });
  const api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
  const password = await t.addDevice("scale-1", "scale");
  scale = await connectDevice(t.mqttUrl, "scale-1", password);
  browser = await openKioskBrowser("large");
  page = browser.page;
}, 120_000);

afterAll(async () => {
  if (browser?.problems.length) console.error(browser.problems.join("\n"));
  await browser?.close();
  await scale?.endAsync();
  await t?.stop();
  await printer?.close();
  if (t) removeDir(t.dataDir);
});

/** A slow, shared machine: each step waits for conditions, the whole test gets room. */
const E2E_TIMEOUT = 180_000;

describe("kiosk end to end (Chromium)", () => {
  it(
    "opens a batch, shows the scale's weight and prints a label on tap",
    async () => {
      await page.goto(`${t.baseUrl}/`);
      await page.getByTestId("link-chip").and(page.locator(".ok")).waitFor(WAIT);
      await page.getByTestId("choose-batch").click();
      await page.getByTestId("open-batch").click();
      await page.getByTestId("product-tomato").click();
      await page.getByTestId("open-batch-submit").click();
      await typePin(page);
      await page.getByTestId("batch-lot").waitFor(WAIT);
      lot = (await page.getByTestId("batch-lot").textContent()) ?? "";
      expect(lot).toMatch(/^ST01-/);
      await browser.shot("pack-empty", "small");
      await browser.shot("pack-empty", "large");

      // The kiosk binds the scale to the batch; wait until the station says so, then weigh.
      const api = apiClient(t.baseUrl);
      await expect.poll(async () => (await api.get("/api/scales")).body.scales[0]?.lot, WAIT).toBe(lot);
      await scale.publishAsync(
        "trace/v1/dev/scale-1/weight",
        JSON.stringify({ net: 2.345, unit: "kg", stable: true }),
        { qos: 1 },
      );
      await page.getByTestId("weight").filter({ hasText: "2.345" }).waitFor(WAIT);
      await page.locator('[data-testid="print"]:not([disabled])').waitFor(WAIT);
      await browser.shot("pack-weight", "small");
      await browser.shot("pack-weight", "large");
      await page.getByTestId("print").click();
      await page.getByTestId("last-labels").filter({ hasText: "2.345" }).waitFor(WAIT);
      serial = `${lot}-001`;
      await page.getByTestId("last-labels").filter({ hasText: serial }).waitFor(WAIT);
      await page.getByTestId("total").filter({ hasText: "1 " }).waitFor(WAIT);

      // The printer got the label: its QR (GS ( k) is the GS1 Digital Link of this package.
      await printer.waitFor(() => parseEscpos(printer.all()).qrPayloads.length > 0, 30_000, "a printed QR");
      const printed = parseEscpos(printer.all());
      qrUrl = printed.qrPayloads[0] ?? "";
      // GS1 AI 21 is the sequence within the lot (≤ 20 characters); the lot is AI 10.
      expect(qrUrl).toBe(`${t.baseUrl}/01/${TEST_GTIN}/10/${lot}/21/001`);
      expect(printed.lines.join("\n")).toContain("番茄");
      await page.getByTestId("last-labels").locator(".state.done").waitFor(WAIT);
      await browser.shot("pack-printed", "small");
      await browser.shot("pack-printed", "large");
    },
    E2E_TIMEOUT,
  );

  it(
    "shows why a certificate is blocked, then issues it under a supervisor override",
    async () => {
      const api = apiClient(t.baseUrl);
      // Bifenthrin with a 4-day interval applied yesterday: harvest today is too early.
      const yesterday = Date.now() - DAY_MS;
      const added = await api.kiosk("POST", "/api/inputs", {
        siteId: "gh1",
        kind: "pesticide",
        name: "联苯菊酯",
        regNo: "PD20080005",
        amount: 0.2,
        unit: "L",
        intervalDays: 4,
        operator: "王师傅",
        appliedAt: yesterday,
      });
      expect(added.status).toBe(201);
      await page.goto(`${t.baseUrl}/kiosk/#/cert?lot=${lot}`);
      await page.getByTestId("close-batch").click();
      await page.getByTestId("close-batch-submit").click();
      await page.getByTestId("cert-issue").and(page.locator(":not([disabled])")).waitFor(WAIT);
      await page.getByTestId("cert-check").click();
      const blocks = page.getByTestId("blocks");
      await blocks.waitFor(WAIT);
      const text = (await blocks.textContent()) ?? "";
      expect(text).toContain("联苯菊酯");
      expect(text).toMatch(/最早 \d{4}-\d{2}-\d{2}/);
      await browser.shot("cert-blocked", "small");
      await browser.shot("cert-blocked", "large");

      // The label as it would print, before anything is issued.
      await page.getByTestId("cert-preview").click();
      await page.waitForFunction(
        () => {
          const img = (
            globalThis as unknown as {
              document: { querySelector(s: string): { naturalWidth: number } | null };
            }
          ).document.querySelector('[data-testid="cert-preview-img"]');
          return img !== null && img.naturalWidth > 0;
        },
        undefined,
        WAIT,
      );
      await browser.shot("cert-preview", "small");
      await browser.shot("cert-preview", "large");
      await page.getByTestId("cert-check").click();
      await page.getByTestId("override").click();
      await page.getByTestId("supervisor").fill("李主管");
      await page.getByTestId("override-reason").fill("复检合格，主管放行");
      await page.locator(".sheet button.danger").click();
      await page.getByTestId("admin-token").fill(TEST_ADMIN_TOKEN);
      await page.locator(".sheet button.primary").click();
      await page.locator("table.grid code").first().waitFor(WAIT);
      await browser.shot("cert-issued", "small");
      await browser.shot("cert-issued", "large");
    },
    E2E_TIMEOUT,
  );

  it(
    "shows the package and the certificate on the public trace page",
    async () => {
      // What a phone opens from the printed QR.
      await page.goto(qrUrl);
      await page.locator("#package").waitFor(WAIT);
      expect(await page.locator("#package").textContent()).toContain("2.345");
      expect(await page.locator("#certificates").textContent()).toContain("承诺达标合格证");
      expect(await page.locator("#package").textContent()).toContain(serial);
      expect(await page.locator("#packages tr.mine").textContent()).toContain("2.345 kg");
      await browser.shot("trace-page", "small");
      await browser.shot("trace-page", "large");
    },
    E2E_TIMEOUT,
  );
});
