import { afterAll, describe, expect, it } from "vitest";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { freePort, type KioskTestStation, startKioskStation } from "../helpers/kiosk-station.js";
import { removeDir, tempDir } from "../helpers/station.js";

/**
 * The kiosk stays open on the packing-house screen while the station restarts (update, power
 * blip): its live link shows the outage and recovers by itself, with no reload by a worker.
 */
const WAIT = { timeout: 45_000 };
let first: KioskTestStation | undefined;
let second: KioskTestStation | undefined;
let browser: KioskBrowser | undefined;
const dataDir = tempDir("kiosk-restart");

afterAll(async () => {
  await browser?.close();
  await first?.stop();
  await second?.stop();
  removeDir(dataDir);
});

/** A slow, shared machine: each step waits for conditions, the whole test gets room. */
const E2E_TIMEOUT = 180_000;

describe("live updates across a station restart", () => {
  it(
    "reconnects the event stream to the restarted station without a reload",
    async () => {
      const port = await freePort();
      first = await startKioskStation({ http: { port } }, dataDir);
      await first.addDevice("scale-1", "scale");
      browser = await openKioskBrowser("small");
      const { page } = browser;
      await page.goto(`${first.baseUrl}/kiosk/`);
      const linkOk = page.getByTestId("link-chip").and(page.locator(".ok"));
      await linkOk.waitFor(WAIT);
      // The pack screen shows its packing line's state, pushed as `line` events.
      first.station.lines.get("scale-1").reading({ netKg: 1.111, stable: true, state: "ok", ts: Date.now() });
      await page.getByTestId("weight").filter({ hasText: "1.111" }).waitFor(WAIT);
      // Mark the document: a reload would lose it.
      await page.evaluate(() => {
        (globalThis as unknown as { keep: boolean }).keep = true;
      });

      await first.stop();
      first = undefined;
      await page.getByTestId("link-chip").and(page.locator(".bad")).waitFor(WAIT);

      second = await startKioskStation({ http: { port } }, dataDir);
      await linkOk.waitFor(WAIT);
      second.station.lines
        .get("scale-1")
        .reading({ netKg: 2.222, stable: true, state: "ok", ts: Date.now() });
      await page.getByTestId("weight").filter({ hasText: "2.222" }).waitFor(WAIT);
      expect(await page.evaluate(() => (globalThis as unknown as { keep?: boolean }).keep)).toBe(true);
    },
    E2E_TIMEOUT,
  );
});
