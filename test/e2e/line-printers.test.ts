import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { TEST_PIN } from "../helpers/kiosk-station.js";
import { LineRig } from "../helpers/line-rig.js";

/**
 * A packing house with one label printer per scale (config `lines`): two A&D indicators on
 * socat ptys, three TCP printers capturing bytes. Each line's labels arrive only at its own
 * printer (QR decoded back), the unlisted default printer gets none, and the pack screen in
 * Chromium says which printer its line prints to.
 */
const rig = new LineRig();
const TIMEOUT = 90_000;
const WAIT = { timeout: 30_000 };
let browser: KioskBrowser;

beforeAll(async () => {
  await rig.start(
    [
      { id: "s1", protocol: "generic-ad" },
      { id: "s2", protocol: "generic-ad" },
    ],
    50,
    {
      printers: ["p1", "p2"],
      templates: { p1: "package-40x30" },
      lines: [
        { scale: "s1", printer: "p1" },
        { scale: "s2", printer: "p2" },
      ],
    },
  );
  browser = await openKioskBrowser("small");
}, 120_000);

afterAll(async () => {
  if (browser?.problems.length) console.error(browser.problems.join("\n"));
  await browser?.close();
  await rig.stop();
});

async function carton(id: string, kg: number): Promise<void> {
  const i = rig.indicator(id);
  await i.hold(kg * 0.6, 100, false);
  await i.hold(kg, 1200, true);
  await i.hold(0, 600, true);
}

describe("a printer per packing line", () => {
  it(
    "each line's labels arrive only at the printer named for it",
    async () => {
      const lot1 = await rig.batchOn("s1", { mode: "each", auto: true });
      const lot2 = await rig.batchOn("s2", { mode: "each", auto: true });
      await Promise.all([rig.indicator("s1").hold(0, 300), rig.indicator("s2").hold(0, 300)]);
      await Promise.all([
        (async () => {
          for (const kg of [2.5, 2.6]) await carton("s1", kg);
        })(),
        (async () => {
          for (const kg of [3.1, 3.2]) await carton("s2", kg);
        })(),
      ]);
      await rig.settled(lot1, 2, 20_000);
      await rig.settled(lot2, 2, 20_000);
      expect(rig.labels(lot1, "p1").map((l) => l.qr)).toEqual([
        `http://station.test/t/${lot1}-001`,
        `http://station.test/t/${lot1}-002`,
      ]);
      expect(rig.labels(lot2, "p2").map((l) => l.qr)).toEqual([
        `http://station.test/t/${lot2}-001`,
        `http://station.test/t/${lot2}-002`,
      ]);
      expect(rig.labels(lot1, "p2")).toEqual([]);
      expect(rig.labels(lot2, "p1")).toEqual([]);
      for (const lot of [lot1, lot2]) expect(rig.labels(lot, "line")).toEqual([]);
      // The small label (40×30 at p1) says who packed it and how to call them, and 包装日期.
      const small = rig.labels(lot1, "p1")[0]?.text ?? "";
      expect(small).toContain("绿源蔬菜专业合作社");
      expect(small).toContain("电话：0591-12345678");
      expect(small).toMatch(/包装日期 \d{4}-\d{2}-\d{2}/);
      expect(small).toContain(`${lot1}-001`);
      expect(small).not.toContain("…");
      // A reprint goes to the line's printer too.
      await rig.intent("s2", { intent: "reprint", serial: `${lot2}-001` });
      await rig.printers.get("p2")?.waitFor(() => rig.labels(lot2, "p2").length === 3, 20_000, "the reprint");
      expect(rig.labels(lot2, "p1")).toEqual([]);
      // So does one asked for from the labels screen, which names no printer.
      const asked = await rig.api.kiosk("POST", `/api/packages/${lot1}-002/reprint`, {});
      expect(asked.status, JSON.stringify(asked.body)).toBeLessThan(300);
      await rig.printers
        .get("p1")
        ?.waitFor(() => rig.labels(lot1, "p1").length === 3, 20_000, "the kiosk reprint");
      expect(rig.labels(lot1, "p2")).toEqual([]);
      expect(rig.labels(lot1, "line")).toEqual([]);
      expect((await rig.view("s1")).printer).toBe("p1");
      expect((await rig.view("s2")).printer).toBe("p2");
    },
    TIMEOUT,
  );

  it(
    "the pack screen shows which printer its line prints to",
    async () => {
      const { page } = browser;
      await page.goto(`${rig.station.baseUrl}/kiosk/`);
      await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
      await page.getByTestId("scale-picker").selectOption("s2");
      await page.getByTestId("line-printer").filter({ hasText: "p2" }).waitFor(WAIT);
      expect(await page.getByTestId("line-printer").textContent()).toBe("标签打印机：p2");
      await page.getByTestId("scale-picker").selectOption("s1");
      await page.getByTestId("line-printer").filter({ hasText: "p1" }).waitFor(WAIT);
    },
    TIMEOUT,
  );
});
