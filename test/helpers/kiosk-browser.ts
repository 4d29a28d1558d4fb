import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium, with everything that would reach the internet or need a GPU switched off. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const SIZES = {
  small: { width: 800, height: 480 },
  large: { width: 1280, height: 800 },
} as const;
export type SizeName = keyof typeof SIZES;

export const SCREENSHOT_DIR = join(process.cwd(), "test-output", "screenshots");

export interface KioskBrowser {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and failed API answers, to print when a step times out. */
  problems: string[];
  close(): Promise<void>;
  /** Save `test-output/screenshots/{name}-{size}.png` for review. */
  shot(name: string, size: SizeName): Promise<string>;
}

/** A fresh Chromium profile per call, so no PIN, language or cache leaks between tests. */
export async function openKioskBrowser(size: SizeName = "large"): Promise<KioskBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "trace-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: SIZES[size],
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("response", async (res) => {
    if (res.status() >= 400 && res.url().includes("/api/")) {
      problems.push(
        `${res.request().method()} ${res.url()} → ${res.status()} ${await res.text().catch(() => "")}`,
      );
    }
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
    async shot(name, shotSize) {
      await page.setViewportSize(SIZES[shotSize]);
      const file = join(SCREENSHOT_DIR, `${name}-${shotSize}.png`);
      await page.screenshot({ path: file });
      return file;
    },
  };
}
