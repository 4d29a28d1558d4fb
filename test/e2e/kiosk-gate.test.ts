import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, DAY_MS, seedTomatoFarm } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../helpers/kiosk-station.js";
import { removeDir } from "../helpers/station.js";

/**
 * Issue 20 on the kiosk (Debian chromium): a scanned bottle QR fills the input form from the
 * registry, the packing screen says 不能开证 while the batch is packed, and a certificate that
 * later evidence contradicts raises a 待复核 alarm on every screen.
 */
let t: KioskTestStation;
let browser: KioskBrowser;
let page: Page;
let lot: string;
const api = () => apiClient(t.baseUrl);
const WAIT = { timeout: 30_000 };
const E2E_TIMEOUT = 180_000;

beforeAll(async () => {
  t = await startKioskStation();
  await seedTomatoFarm(api());
  await api().admin("PUT", "/api/sites/store", { name: "仓库", kind: "plot" });
  // The product seen once, with its number and ingredient: the registry describes it from now on.
  await api().kiosk("POST", "/api/inputs", {
    siteId: "store",
    kind: "pesticide",
    name: "乐斯本",
    regNo: "PD20084455",
    activeIngredient: "毒死蜱",
    amount: 1,
    unit: "mL",
    intervalDays: 7,
    operator: "王师傅",
    appliedAt: Date.now() - 30 * DAY_MS,
  });
  const opened = await api().kiosk("POST", "/api/batches", {
    productId: "tomato",
    siteIds: ["gh1"],
    windowStart: Date.now() - 20 * DAY_MS,
  });
  lot = opened.body.batch.lot;
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
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

describe("the gate on the kiosk", () => {
  it(
    "a bottle QR fills the input form, and the packing screen then says 不能开证",
    async () => {
      await page.goto(`${t.baseUrl}/kiosk/#/pack`);
      await page.getByTestId("gate-banner").filter({ hasText: "可以开证" }).waitFor(WAIT);
      await page.goto(`${t.baseUrl}/kiosk/#/inputs`);
      await page
        .getByTestId("input-site")
        .locator("option", { hasText: "1号温室" })
        .waitFor({ state: "attached", ...WAIT });
      await page.getByTestId("input-site").selectOption("gh1");
      await page.getByTestId("input-qr").fill(`1084455${"2".repeat(25)}`);
      await page.getByTestId("input-qr").press("Enter");
      await expect.poll(() => page.getByTestId("input-reg-no").inputValue(), WAIT).toBe("PD20084455");
      expect(await page.getByTestId("input-active").inputValue()).toBe("毒死蜱");
      expect(await page.getByTestId("input-name").inputValue()).toBe("乐斯本");
      await page.getByTestId("input-amount").fill("30");
      await page.getByTestId("input-operator").fill("王师傅");
      await page.getByTestId("input-save").click();
      await page.locator("table.grid", { hasText: "PD20084455" }).waitFor(WAIT);
      await browser.shot("inputs", "large");
      await page.goto(`${t.baseUrl}/kiosk/#/pack`);
      const banner = page.getByTestId("gate-banner").filter({ hasText: "不能开证" });
      await banner.waitFor(WAIT);
      expect(await banner.textContent()).toContain("乐斯本（毒死蜱）禁止在蔬菜上使用");
      await browser.shot("pack-gate", "large");
    },
    E2E_TIMEOUT,
  );

  it(
    "a certificate contradicted by a later record raises 待复核 on the kiosk",
    async () => {
      const harvest = Date.now();
      await api().admin("PUT", "/api/sites/gh2", { name: "2号温室", kind: "greenhouse" });
      const b = await api().kiosk("POST", "/api/batches", {
        productId: "tomato",
        siteIds: ["gh2"],
        windowStart: harvest - 20 * DAY_MS,
      });
      const other = b.body.batch.lot as string;
      await api().kiosk("POST", `/api/batches/${other}/packages`, {
        netKg: 2,
        weighedAt: harvest,
        print: false,
      });
      await api().kiosk("POST", `/api/batches/${other}/close`, { harvestAt: harvest });
      const cert = await api().kiosk("POST", "/api/certificates", {
        lot: other,
        basis: ["quality_control"],
        print: false,
      });
      expect(cert.status).toBe(201);
      await page.goto(`${t.baseUrl}/kiosk/#/cert?lot=${other}`);
      await page.locator(".state.valid").first().waitFor(WAIT);
      await api().kiosk("POST", "/api/inputs", {
        siteId: "gh2",
        kind: "pesticide",
        name: "40%氧乐果乳油",
        amount: 1,
        unit: "mL",
        intervalDays: 0,
        operator: "王师傅",
        appliedAt: harvest - 3 * DAY_MS,
      });
      await page.getByTestId("review-alarm").filter({ hasText: "待复核" }).waitFor(WAIT);
      await page.goto(`${t.baseUrl}/kiosk/#/cert?lot=${other}`);
      await page.getByTestId("cert-review").waitFor(WAIT);
      await browser.shot("cert-review", "large");
    },
    E2E_TIMEOUT,
  );
});
