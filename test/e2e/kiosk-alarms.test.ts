import type { MqttClient } from "mqtt";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, seedTomatoFarm } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser, type SizeName } from "../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation, TEST_PIN } from "../helpers/kiosk-station.js";
import { connectDevice } from "../helpers/mqtt-client.js";
import { removeDir } from "../helpers/station.js";

/**
 * A frost alarm reaches the screen by itself (no reload) within 2 s of the reading, says where,
 * what, since when and what to do in Chinese, and a worker acknowledges it with their name.
 */
let t: KioskTestStation;
let browser: KioskBrowser;
let page: Page;
let sensor: MqttClient;
const WAIT = { timeout: 30_000 };
const SIZES: SizeName[] = ["small", "large"];

beforeAll(async () => {
  t = await startKioskStation({
    alarms: {
      rules: [
        {
          id: "gh1-frost",
          preset: "greenhouse-frost",
          site: "gh1",
          forSec: 0,
          // The heater relay is registered but not connected: the card must say so.
          action: { device: "heat1", command: "heater", payload: { on: true } },
        },
      ],
    },
  });
  await seedTomatoFarm(apiClient(t.baseUrl));
  await t.station.devices.add("heat1", "sensor", "gh1");
  const secret = (await t.station.devices.add("th1", "sensor", "gh1")).secret;
  sensor = await connectDevice(t.mqttUrl, "th1", secret);
  browser = await openKioskBrowser("large");
  page = browser.page;
  await page.goto(`${t.baseUrl}/kiosk/#/alarms`);
  await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
}, 60_000);

afterAll(async () => {
  await sensor?.endAsync();
  await browser?.close();
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

describe("kiosk alarms", () => {
  it("shows an open alarm within 2 s, on the status bar and the alarms screen, at both sizes", async () => {
    await page.getByTestId("no-alarms").waitFor(WAIT);
    await expect(page.getByTestId("alarm-chip").textContent()).resolves.toContain("无预警");
    const sent = Date.now();
    await sensor.publishAsync("trace/v1/dev/th1/reading", JSON.stringify({ values: { air_temp: 0.6 } }), {
      qos: 1,
    });
    await page.getByTestId("alarm").waitFor({ timeout: 2000 });
    const elapsed = Date.now() - sent;
    expect(elapsed).toBeLessThan(2000);
    // The action's outcome follows the raise on the live feed.
    await page.locator(".alarm-action.bad").waitFor({ timeout: 2000 });
    const text = (await page.getByTestId("alarm").textContent()) ?? "";
    expect(text).toContain("1号温室");
    expect(text).toContain("空气温度 0.6 °C，低于 2 °C");
    expect(text).toContain("保温被");
    expect(text).toContain("开始于");
    expect(text).toContain("heat1 离线，命令未发送，请到现场手动开启");
    await expect(page.getByTestId("alarm-chip").textContent()).resolves.toContain("预警 1");
    for (const size of SIZES) await browser.shot("alarms-open", size);
    expect(browser.problems).toEqual([]);
  });

  it("a worker acknowledges with their name; the card says who", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId("alarm-ack").click();
    await page.getByTestId("ack-name").fill("王师傅");
    await page.getByTestId("ack-note").fill("已盖保温被");
    await page.getByTestId("ack-confirm").click();
    await page.locator(".alarm.acked").waitFor(WAIT);
    expect(await page.getByTestId("alarm").textContent()).toContain("王师傅");
    const [alarm] = (await apiClient(t.baseUrl).kiosk("GET", "/api/alarms")).body.alarms;
    expect(alarm.acknowledged).toMatchObject({
      actor: { via: "kiosk-pin", name: "王师傅" },
      note: "已盖保温被",
    });
    for (const size of SIZES) await browser.shot("alarms-acked", size);
    // Back above 2 °C + 1 °C hysteresis: the card leaves the screen and the chip goes quiet.
    await sensor.publishAsync("trace/v1/dev/th1/reading", JSON.stringify({ values: { air_temp: 3.5 } }), {
      qos: 1,
    });
    await page.getByTestId("no-alarms").waitFor(WAIT);
    await page.getByTestId("nav-pack").click();
    await expect(page.getByTestId("alarm-chip").textContent()).resolves.toContain("无预警");
    expect(browser.problems).toEqual([]);
  });
});
