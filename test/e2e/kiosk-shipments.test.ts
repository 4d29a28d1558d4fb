import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, DAY_MS, seedTomatoFarm } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import {
  type KioskTestStation,
  startKioskStation,
  TEST_ADMIN_TOKEN,
  TEST_PIN,
} from "../helpers/kiosk-station.js";
import { removeDir } from "../helpers/station.js";

/**
 * The shipment screen in Chromium: a worker types a new buyer, scans two package labels (the
 * keyboard-mode scanner types into the field and presses Enter), sees count and weight, ships,
 * and a package scanned again for the next buyer is refused with the earlier shipment named.
 * The supervisor's recall screen lists the buyer with phone behind the admin token.
 */
let t: KioskTestStation;
let browser: KioskBrowser;
let page: Page;
let lot = "";
let certificate = "";
const WAIT = { timeout: 30_000 };

beforeAll(async () => {
  t = await startKioskStation({ labels: { qr: { baseUrl: "https://trace.example.cn", useGtin: true } } });
  const api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
  const incoming = await api.kiosk("POST", "/api/incoming", {
    rawCode: "SUP-20261120-0007",
    supplier: "闽侯县青口镇合作社",
    receivedAt: Date.now(),
  });
  const { body } = await api.kiosk("POST", "/api/batches", {
    productId: "tomato",
    siteIds: ["gh1"],
    windowStart: Date.now() - DAY_MS,
    incomingIds: [incoming.body.incoming.id],
  });
  lot = body.batch.lot as string;
  for (const netKg of [5.2, 4.8, 5.0]) {
    await api.kiosk("POST", `/api/batches/${lot}/packages`, { netKg, weighedAt: Date.now(), print: false });
  }
  await api.kiosk("POST", `/api/batches/${lot}/close`, { harvestAt: Date.now() });
  const issued = await api.kiosk("POST", "/api/certificates", {
    lot,
    basis: ["quality_control"],
    print: false,
  });
  certificate = issued.body.certificate.number as string;
  browser = await openKioskBrowser("large");
  page = browser.page;
  await page.goto(`${t.baseUrl}/kiosk/`);
  await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

const scanLabel = async (code: string) => {
  await page.getByTestId("ship-scan").fill(code);
  await page.getByTestId("ship-scan").press("Enter");
};

describe("kiosk shipment and recall screens", () => {
  it("ships scanned packages to a typed buyer, refuses one shipped before, and recalls it for the supervisor", async () => {
    try {
      await page.goto(`${t.baseUrl}/kiosk/#/ship`);
      await page.getByTestId("buyer-name").fill("王小明");
      await page.getByTestId("buyer-id").fill("11010519491231002X");
      await page.getByTestId("buyer-phone").fill("138 0013 8000");
      await page.getByTestId("buyer-market").fill("东街菜市场 12 号摊");
      // The buyer wants the certificate: the batch's valid one is ticked once a package of it is scanned.
      await page.getByTestId("buyer-needs-cert").check();
      await scanLabel(`https://trace.example.cn/01/06901234567892/10/${lot}/21/001`);
      await scanLabel(`${lot}-003`);
      await scanLabel(`${lot}-003`);
      await page.getByTestId("ship-count").filter({ hasText: "2" }).waitFor(WAIT);
      expect(await page.getByTestId("ship-weight").textContent()).toBe("10.200 kg");
      expect(await page.getByTestId("ship-stock").textContent()).toContain("剩余 1 · 4.800 kg");
      await browser.shot("ship-scanned", "large");
      await browser.shot("ship-scanned", "small");
      await page.getByTestId("ship-submit").click();
      const number = (await page.getByTestId("ship-number").textContent({ timeout: 30_000 })) ?? "";
      expect(number).toMatch(/^ST\w*-CK\d{6}$/);
      // Sent: the list is cleared at once, so a second tap has nothing to send.
      expect(await page.getByTestId("ship-count").textContent()).toBe("0");
      await browser.shot("ship-done", "large");
      expect(await page.getByTestId("ship-print-cert").textContent()).toContain(certificate);
      await page.getByTestId("ship-print-list").click();
      await page.getByTestId("shipping-list-frame").waitFor({ state: "attached", ...WAIT });
      const listText = await page
        .frameLocator("[data-testid=shipping-list-frame]")
        .locator("body")
        .textContent();
      expect(listText).toContain("出库清单");
      expect(listText).toContain(certificate);

      await page.getByTestId("ship-next").click();
      await scanLabel(`${lot}-001`);
      const refusal = page.locator(".toast").filter({ hasText: "SHIPMENT_PACKAGE_SHIPPED" });
      await refusal.waitFor(WAIT);
      expect(await refusal.textContent()).toContain(number);
      expect(await page.getByTestId("ship-count").textContent()).toBe("0");

      await page.goto(`${t.baseUrl}/kiosk/#/recall`);
      await page.getByTestId("recall-code").fill("SUP-20261120-0007");
      await page.getByTestId("recall-search").click();
      await page.getByTestId("admin-token").fill(TEST_ADMIN_TOKEN);
      await page.locator(".sheet button.primary").click();
      const buyers = page.getByTestId("recall-buyers");
      await buyers.waitFor(WAIT);
      expect(await buyers.textContent()).toContain("王小明");
      expect(await buyers.textContent()).toContain("13800138000");
      await browser.shot("recall", "large");
    } catch (err) {
      console.error(browser.problems.join("\n"));
      throw err;
    }
  }, 180_000);
});
