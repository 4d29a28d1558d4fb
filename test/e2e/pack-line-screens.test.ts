import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCALE_PROTOCOLS } from "../../drivers/scale/protocols/index.js";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { TEST_PIN } from "../helpers/kiosk-station.js";
import { LineRig, sleep } from "../helpers/line-rig.js";

/**
 * The pack screen in Debian's Chromium against a real station whose scale is an A&D indicator
 * on a socat pty: the screen renders the line's state and sends intents; it never prints the
 * next carton after a batch switch, never storms PIN pads, never says 已打印 before the job is
 * done, and two screens at one scale show the same.
 */
const WAIT = { timeout: 30_000 };
const TIMEOUT = 180_000;
const rig = new LineRig();
let a: KioskBrowser;
let b: KioskBrowser;
/** What the indicator shows now; a loop sends it 10 times a second like a real one. */
let onPan = 0;
let feeding = true;
let feeder: Promise<void>;

async function feed(): Promise<void> {
  const ad = SCALE_PROTOCOLS["generic-ad"];
  while (feeding) {
    await rig.indicator("pack").write(ad.encode({ kg: onPan, stable: true }));
    await sleep(100);
  }
}

/** Lift what is on the pan, then put `kg` on (a swing through unstable frames). */
async function place(kg: number): Promise<void> {
  onPan = 0;
  await sleep(400);
  onPan = kg;
  await sleep(600);
}

async function typePin(p: Page, pin = TEST_PIN): Promise<void> {
  await p.getByTestId("pin-dots").waitFor(WAIT);
  for (const digit of pin) await p.locator(".keypad .key", { hasText: new RegExp(`^${digit}$`) }).click();
  await p.locator(".keypad .key.primary").click();
}

beforeAll(async () => {
  await rig.start([{ id: "pack", protocol: "generic-ad" }]);
  feeder = feed();
  a = await openKioskBrowser("small");
  b = await openKioskBrowser("small");
}, 120_000);

afterAll(async () => {
  for (const br of [a, b]) {
    if (br?.problems.length) console.error(br.problems.join("\n"));
    await br?.close();
  }
  feeding = false;
  await feeder;
  await rig.stop();
});

describe("pack screen on a packing line (Chromium)", () => {
  it(
    "after a batch switch a tap never prints the next carton: the carton on the pan is refused until put back",
    async () => {
      const lotA = await rig.batchOn("pack", { mode: "each", auto: false });
      const lotB = (
        await rig.api.kiosk("POST", "/api/batches", {
          productId: "tomato",
          siteIds: ["gh1"],
          windowStart: Date.now() - 86_400_000,
        })
      ).body.batch.lot as string;
      const { page } = a;
      await page.goto(`${rig.station.baseUrl}/`);
      await page.evaluate((pin) => localStorage.setItem("kiosk.pin", pin), TEST_PIN);
      await page.getByTestId("batch-lot").filter({ hasText: lotA }).waitFor(WAIT);
      await place(6.188);
      await page.locator('[data-testid="print"]:not([disabled])').waitFor(WAIT);
      // Switch batch with the carton still on the pan.
      await page.getByTestId("choose-batch").click();
      await page.getByTestId(`batch-${lotB}`).click();
      await page.getByTestId("batch-lot").filter({ hasText: lotB }).waitFor(WAIT);
      await page.getByTestId("print-why").filter({ hasText: "换批次前" }).waitFor(WAIT);
      expect(await page.getByTestId("print").isDisabled()).toBe(true);
      const tap = await rig.intent("pack", { intent: "print" });
      expect(tap.body.error.code).toBe("LINE_BATCH_SWITCHED");
      // Put back: it weighs into the new batch, with its own weight, and the label says so.
      await place(6.188);
      await page.locator('[data-testid="print"]:not([disabled])').click(WAIT);
      await rig.printer.waitFor(
        () => rig.labels(lotB).length === 1,
        30_000,
        "the label of the carton on the pan",
      );
      expect(rig.labels(lotB)[0]?.qr).toBe(`http://station.test/t/${lotB}-001`);
      expect(rig.labels(lotB)[0]?.text).toContain("6.188");
      expect(rig.labels(lotA)).toEqual([]);
      await rig.settled(lotB, 1);
      expect((await rig.batch(lotB)).packages).toMatchObject([{ netKg: 6.188 }]);
      await page.getByTestId("job-state").filter({ hasText: "已打印" }).waitFor(WAIT);
      await a.shot("pack-line-printed", "small");
    },
    TIMEOUT,
  );

  it(
    "a second screen with no stored PIN, a batch selected and weights flowing opens exactly one PIN pad",
    async () => {
      const { page } = b;
      await page.goto(`${rig.station.baseUrl}/`);
      await page.getByTestId("batch-lot").waitFor(WAIT);
      await place(2.5);
      // Live weights alone never ask for the PIN.
      await sleep(2000);
      expect(await page.locator(".keypad").count()).toBe(0);
      await page.locator('[data-testid="print"]:not([disabled])').waitFor(WAIT);
      // Taps while the pad is open add no second pad.
      await page.getByTestId("print").click();
      await page.getByTestId("pin-dots").waitFor(WAIT);
      await sleep(1500);
      expect(await page.locator(".keypad").count()).toBe(1);
      await typePin(page);
      await page.getByTestId("job-state").filter({ hasText: "2.500" }).waitFor(WAIT);
      expect(await page.locator(".keypad").count()).toBe(0);
      expect(await page.evaluate(() => localStorage.getItem("kiosk.pin"))).toBe(TEST_PIN);
    },
    TIMEOUT,
  );

  it(
    "two screens on one line show the same state",
    async () => {
      await place(3.333);
      for (const br of [a, b]) {
        await br.page.getByTestId("weight").filter({ hasText: "3.333" }).waitFor(WAIT);
        await br.page.locator('[data-testid="print"]:not([disabled])').waitFor(WAIT);
      }
      await b.page.getByTestId("print").click();
      for (const br of [a, b]) {
        await br.page
          .getByTestId("job-state")
          .filter({ hasText: "3.333" })
          .filter({ hasText: "已打印" })
          .waitFor(WAIT);
        await br.page.getByTestId("print").filter({ hasText: "已打印，请放下一件" }).waitFor(WAIT);
      }
      expect(await a.page.getByTestId("total").textContent()).toBe(
        await b.page.getByTestId("total").textContent(),
      );
    },
    TIMEOUT,
  );

  it(
    "printer out of paper: the screen never says 已打印 until the job is done",
    async () => {
      rig.printer.behaviour.paperStatus = 0x72;
      const { page } = a;
      await place(4.444);
      await page.locator('[data-testid="print"]:not([disabled])').click(WAIT);
      await page
        .getByTestId("job-state")
        .filter({ hasText: "4.444" })
        .filter({ hasText: "等待打印机" })
        .waitFor(WAIT);
      await sleep(2000);
      expect(await page.getByTestId("job-state").textContent()).not.toContain("已打印");
      // The next carton waits too: its label would come out after it moved on.
      await place(1.111);
      await page.getByTestId("print-why").filter({ hasText: "等待打印机" }).waitFor(WAIT);
      expect(await page.getByTestId("print").isDisabled()).toBe(true);
      await a.shot("pack-line-paper-out", "small");
      rig.printer.behaviour.paperStatus = 0x12;
      await page
        .getByTestId("job-state")
        .filter({ hasText: "4.444" })
        .filter({ hasText: "已打印" })
        .waitFor({ timeout: 60_000 });
    },
    TIMEOUT,
  );
  it(
    "printer endpoint down: 等待打印机 with the reason until it is back, then 已打印",
    async () => {
      const { page } = a;
      await place(0);
      const port = rig.printer.port;
      await rig.printer.close();
      await place(5.555);
      await page.locator('[data-testid="print"]:not([disabled])').click(WAIT);
      await page
        .getByTestId("job-state")
        .filter({ hasText: "5.555" })
        .filter({ hasText: "等待打印机" })
        .waitFor(WAIT);
      await sleep(2000);
      expect(await page.getByTestId("job-state").textContent()).not.toContain("已打印");
      await rig.printer.listen(port);
      await page
        .getByTestId("job-state")
        .filter({ hasText: "5.555" })
        .filter({ hasText: "已打印" })
        .waitFor({ timeout: 60_000 });
    },
    TIMEOUT,
  );
});
