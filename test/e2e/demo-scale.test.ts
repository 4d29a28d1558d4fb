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

      // As a worker would: tap when the button is live; if the weighing was not recorded yet
      // (a loaded machine), the kiosk says so and the next tap prints it.
      const printed = page.getByTestId("last-labels").locator(".state.done").first();
      const deadline = Date.now() + 90_000;
      while (!(await printed.isVisible())) {
        expect(Date.now()).toBeLessThan(deadline);
        const button = page.locator('[data-testid="print"]:not([disabled])');
        await Promise.race([button.waitFor(WAIT), printed.waitFor(WAIT)]);
        if (await button.isVisible()) await button.click();
        await printed.waitFor({ timeout: 10_000 }).catch(() => undefined);
      }

      const packages = (await api.get(`/api/batches/${lot}/packages`)).body.packages as Array<{
        serial: string;
        source: string;
      }>;
      expect(packages.length).toBeGreaterThan(0);
      expect(packages.every((p) => p.source === "scale")).toBe(true);
      const jobs = (await api.get("/api/print-jobs")).body.jobs as Array<{ ref: string; reprint: boolean }>;
      // Each label is a different package the scale made: none printed twice, none invented.
      expect(jobs.length).toBeGreaterThan(0);
      expect(new Set(jobs.map((j) => j.ref)).size).toBe(jobs.length);
      for (const job of jobs) expect(packages.map((p) => p.serial)).toContain(job.ref);
      await browser.shot("pack-demo-scale", "small");
    },
    E2E_TIMEOUT,
  );
});
