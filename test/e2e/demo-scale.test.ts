import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, seedTomatoFarm } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../helpers/kiosk-station.js";
import { removeDir } from "../helpers/station.js";

/**
 * The `npm start` demo: a simulated serial scale (live frames through the real decoder and
 * driver) and the preview printer. A tap on a stable weight prints the package the stored
 * stable weight became; the live reading shown at the tap never makes a second package.
 */
const WAIT = { timeout: 60_000 };
const E2E_TIMEOUT = 180_000;
let t: KioskTestStation;
let browser: KioskBrowser;

beforeAll(async () => {
  t = await startKioskStation({ demo: { enabled: true } });
  await seedTomatoFarm(apiClient(t.baseUrl));
  browser = await openKioskBrowser("small");
}, 120_000);

afterAll(async () => {
  if (browser?.problems.length) console.error(browser.problems.join("\n"));
  await browser?.close();
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

describe("demo scale and preview printer", () => {
  it(
    "prints the package of the weighing on a tap, and no package twice",
    async () => {
      const { page } = browser;
      await page.goto(`${t.baseUrl}/kiosk/`);
      await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
      await page.getByTestId("choose-batch").click();
      await page.getByTestId("open-batch").click();
      await page.getByTestId("open-batch-submit").click();
      const lot = (await page.getByTestId("batch-lot").textContent({ timeout: 30_000 })) ?? "";
      const api = apiClient(t.baseUrl);
      await expect.poll(async () => (await api.get("/api/scales")).body.scales[0]?.lot, WAIT).toBe(lot);

      await page.locator('[data-testid="print"]:not([disabled])').waitFor(WAIT);
      await page.getByTestId("print").click();
      await page.getByTestId("last-labels").locator(".state.done").first().waitFor(WAIT);

      const packages = (await api.get(`/api/batches/${lot}/packages`)).body.packages as Array<{
        serial: string;
        source: string;
      }>;
      expect(packages.length).toBeGreaterThan(0);
      expect(packages.every((p) => p.source === "scale")).toBe(true);
      const jobs = (await api.get("/api/print-jobs")).body.jobs as Array<{ ref: string; reprint: boolean }>;
      expect(jobs).toHaveLength(1);
      expect(packages.map((p) => p.serial)).toContain(jobs[0]?.ref);
      await browser.shot("pack-demo-scale", "small");
    },
    E2E_TIMEOUT,
  );
});
