import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, seedTomatoFarm } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../helpers/kiosk-station.js";
import { connectDevice } from "../helpers/mqtt-client.js";
import { removeDir } from "../helpers/station.js";

/**
 * A packing house with two scales: the screen at scale 2 shows and prints only scale 2's
 * weights, and only scale 2 is pointed at its batch.
 */
const WAIT = { timeout: 30_000 };
const E2E_TIMEOUT = 180_000;
let t: KioskTestStation;
let browser: KioskBrowser;
const scales: MqttClient[] = [];

beforeAll(async () => {
  t = await startKioskStation();
  await seedTomatoFarm(apiClient(t.baseUrl));
  for (const id of ["scale-1", "scale-2"])
    scales.push(await connectDevice(t.mqttUrl, id, await t.addDevice(id, "scale")));
  browser = await openKioskBrowser("small");
}, 120_000);

afterAll(async () => {
  if (browser?.problems.length) console.error(browser.problems.join("\n"));
  await browser?.close();
  for (const s of scales) await s.endAsync();
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

const weigh = (index: number, net: number) =>
  scales[index]?.publishAsync(
    `trace/v1/dev/scale-${index + 1}/weight`,
    JSON.stringify({ net, unit: "kg", stable: true }),
    { qos: 1 },
  );

describe("two scales, one screen each", () => {
  it(
    "weighs and prints from the scale chosen on this screen only",
    async () => {
      const { page } = browser;
      await page.goto(`${t.baseUrl}/kiosk/`);
      await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
      await page.getByTestId("choose-batch").click();
      await page.getByTestId("open-batch").click();
      await page.getByTestId("open-batch-submit").click();
      const lot = (await page.getByTestId("batch-lot").textContent(WAIT)) ?? "";
      await page.getByTestId("scale-picker").selectOption("scale-2");
      const api = apiClient(t.baseUrl);
      await expect
        .poll(
          async () => (await api.get("/api/scales")).body.scales.map((s: { lot: string | null }) => s.lot),
          WAIT,
        )
        .toEqual([null, lot]);
      await weigh(0, 9.999);
      await weigh(1, 3.21);
      await page.getByTestId("weight").filter({ hasText: "3.210" }).waitFor(WAIT);
      await page.locator('[data-testid="print"]:not([disabled])').click(WAIT);
      await page.getByTestId("last-labels").filter({ hasText: "3.210" }).waitFor(WAIT);
      expect(await page.getByTestId("weight").textContent()).not.toContain("9.999");
      const packages = (await api.get(`/api/batches/${lot}/packages`)).body.packages;
      expect(packages).toMatchObject([{ netKg: 3.21, deviceId: "scale-2" }]);
      await browser.shot("pack-two-scales", "small");
    },
    E2E_TIMEOUT,
  );
});
