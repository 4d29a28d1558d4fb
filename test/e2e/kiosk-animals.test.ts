import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCALE_PROTOCOLS } from "../../drivers/scale/protocols/index.js";
import { LINE_9600_8N1, serialSettings } from "../../drivers/serial-defaults.js";
import { encodeRead } from "../../drivers/simulators/rfid-reader-simulator.js";
import { SerialTransport } from "../../drivers/transport/serial-transport.js";
import { apiClient } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../helpers/kiosk-station.js";
import { createPtyPair, type PtyPair } from "../helpers/pty.js";
import { removeDir, tempDir } from "../helpers/station.js";

/**
 * Issue 19 on the kiosk (Debian chromium): the animals-out screen opens a sale, an RFID stick
 * read on a real pty scans the animal in (head count), a typed ear tag too, an animal inside
 * its withdrawal is refused with the drug and the earliest day, and the sale closes with the
 * 动物检疫合格证明 number.
 */
let t: KioskTestStation;
let browser: KioskBrowser;
let page: Page;
let pty: PtyPair;
let scalePty: PtyPair;
let scale: SerialTransport;
let scaleTimer: NodeJS.Timeout | undefined;
const dir = tempDir("kiosk-animals");
const api = () => apiClient(t.baseUrl);
const WAIT = { timeout: 30_000 };
const EWE_RFID = "156000000012345";

beforeAll(async () => {
  mkdirSync(join(dir, "rfid"));
  pty = await createPtyPair(join(dir, "rfid"));
  mkdirSync(join(dir, "scale"));
  scalePty = await createPtyPair(join(dir, "scale"));
  t = await startKioskStation({
    drivers: {
      rfidReaders: [{ id: "rfid-1", serial: { path: pty.a } }],
      scales: [{ id: "livestock-scale", protocol: "generic-ad", serial: { path: scalePty.a } }],
    },
  });
  // A livestock platform scale with the ewe standing on it: A&D-style stable frames at 10 Hz.
  scale = new SerialTransport(serialSettings({ path: scalePty.b }, LINE_9600_8N1));
  await scale.open();
  const frame = SCALE_PROTOCOLS["generic-ad"].encode({ kg: 41.5, stable: true });
  scaleTimer = setInterval(() => void scale.write(frame).catch(() => undefined), 100);
  await api().admin("PUT", "/api/sites/pen1", { name: "1号羊圈", kind: "pen" });
  for (const [tag, extra] of [
    ["3-630121-00000701", { rfid: EWE_RFID }],
    ["3-630121-00000702", {}],
    ["3-630121-00000703", {}],
  ] as const) {
    const res = await api().kiosk("POST", "/api/animals", {
      tag,
      species: "sheep",
      siteId: "pen1",
      ...extra,
    });
    expect(res.status).toBe(201);
  }
  await api().kiosk("POST", "/api/treatments", { tags: ["363012100000703"], drug: "氟苯尼考注射液" });
  browser = await openKioskBrowser("large");
  page = browser.page;
  await page.goto(`${t.baseUrl}/kiosk/`);
  await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
}, 120_000);

afterAll(async () => {
  if (browser?.problems.length) console.error(browser.problems.join("\n"));
  await browser?.close();
  await t?.stop();
  if (scaleTimer) clearInterval(scaleTimer);
  await scale?.close().catch(() => undefined);
  await pty?.unplug();
  await scalePty?.unplug();
  removeDir(dir);
});

describe("animals out on the kiosk", () => {
  it("scans animals in by RFID and by typed tag, refuses one in withdrawal, closes with the quarantine number", async () => {
    await page.goto(`${t.baseUrl}/kiosk/#/animals`);
    await page.getByTestId("nav-animals").filter({ hasText: "牲畜出栏" }).waitFor(WAIT);
    await page.getByTestId("animal-sale-open").click();
    await page.getByTestId("animal-heads").filter({ hasText: "0" }).waitFor(WAIT);

    await page.getByTestId("animal-weight").filter({ hasText: "41.500" }).waitFor(WAIT);
    const reader = new SerialTransport(serialSettings({ path: pty.b }, LINE_9600_8N1));
    await reader.open();
    await reader.write(encodeRead(EWE_RFID, "allflex-la"));
    await reader.write(encodeRead(EWE_RFID, "allflex-la"));
    await page.getByTestId("animal-heads").filter({ hasText: "1" }).waitFor(WAIT);
    await reader.close();
    // Weighed as it was read: the scale's stable weight went with the scan.
    await page.getByRole("cell", { name: "41.500" }).waitFor(WAIT);
    if (scaleTimer) clearInterval(scaleTimer);
    scaleTimer = undefined;

    await page.getByTestId("animal-tag").fill("3-630121-00000702");
    await page.getByTestId("animal-scan").click();
    await page.getByTestId("animal-heads").filter({ hasText: "2" }).waitFor(WAIT);

    await page.getByTestId("animal-tag").fill("363012100000703");
    await page.getByTestId("animal-scan").click();
    const refusal = page.getByRole("alert").filter({ hasText: "氟苯尼考注射液" });
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toMatch(/休药期 28 天/);

    await page.getByTestId("animal-quarantine").fill("6300123456");
    await page.getByTestId("animal-close").click();
    await page.getByRole("alert").filter({ hasText: "出栏完成" }).waitFor(WAIT);
    const sales = await api().get("/api/livestock-sales");
    expect(sales.body.sales[0]).toMatchObject({ state: "closed", heads: 2, quarantineNo: "6300123456" });
    expect(sales.body.sales[0].animals[0]).toMatchObject({ tag: "363012100000701", weightKg: 41.5 });
    await browser.shot("kiosk-animals", "large");
  }, 180_000);
});
