import { afterAll, describe, expect, it } from "vitest";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { freePort, type KioskTestStation, startKioskStation } from "../helpers/kiosk-station.js";
import { waitFor } from "../helpers/poll.js";
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
      // The pack screen shows its packing line's state, pushed as `line` events. A scale sends
      // frames all the time, so the weight is sent again until the screen (still loading its
      // line) shows it.
      const shows = (station: KioskTestStation, netKg: number) =>
        waitFor(
          async () => {
            station.station.lines
              .get("scale-1")
              .reading({ netKg, stable: true, state: "ok", ts: Date.now() });
            return (
              (await page
                .getByTestId("weight")
                .filter({ hasText: netKg.toFixed(3) })
                .count()) > 0
            );
          },
          { what: `${netKg} kg on the pack screen`, timeoutMs: 45_000, stepMs: 300 },
        );
      await shows(first, 1.111);
      // Mark the document: a reload would lose it.
      await page.evaluate(() => {
        (globalThis as unknown as { keep: boolean }).keep = true;
      });

      await first.stop();
      first = undefined;
      await page.getByTestId("link-chip").and(page.locator(".bad")).waitFor(WAIT);

      second = await startKioskStation({ http: { port } }, dataDir);
      await linkOk.waitFor(WAIT);
      await shows(second, 2.222);
      expect(await page.evaluate(() => (globalThis as unknown as { keep?: boolean }).keep)).toBe(true);
    },
    E2E_TIMEOUT,
  );
});
