import type { MqttClient } from "mqtt";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliOk } from "../helpers/cli.js";
import { parseEscpos } from "../helpers/escpos-stream.js";
import { apiClient, DAY_MS, seedTomatoFarm } from "../helpers/kiosk-api.js";
import { type KioskBrowser, openKioskBrowser } from "../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation } from "../helpers/kiosk-station.js";
import { connectDevice } from "../helpers/mqtt-client.js";
import { PrinterEndpoint } from "../helpers/printer-endpoint.js";
import { removeDir } from "../helpers/station.js";

/**
 * Named operators at the kiosk, in a real Chromium against a real station: two workers pack
 * in their own names, a worker is refused an override (and a void) with a code, a supervisor
 * overrides and issues in theirs, the screen signs out by itself after the idle time, and the
 * station refuses the old session too.
 */
let t: KioskTestStation;
let browser: KioskBrowser;
let page: Page;
let scale: MqttClient;
let printer: PrinterEndpoint;
let api: ReturnType<typeof apiClient>;
let lot = "";

const WAIT = { timeout: 30_000 };
const E2E_TIMEOUT = 180_000;
/** Long enough for the slowest step between two taps on a shared machine, short enough to wait out. */
const IDLE_S = 20;

async function keypad(p: Page, heading: RegExp, digits: string) {
  await p.locator(".sheet h2", { hasText: heading }).waitFor(WAIT);
  for (const digit of digits) await p.locator(".keypad .key", { hasText: new RegExp(`^${digit}$`) }).click();
  await p.locator(".keypad .key.primary").click();
}

async function signInOnKeypad(p: Page, number: string, pin: string) {
  await keypad(p, /操作员编号|operator number/, number);
  await keypad(p, /个人 PIN|your PIN/, pin);
}

const weigh = (net: number) =>
  scale.publishAsync("trace/v1/dev/scale-1/weight", JSON.stringify({ net, unit: "kg", stable: true }), {
    qos: 1,
  });

async function auditRows(): Promise<
  Array<{ kind: string; op: string; recordId: string; actorName: string }>
> {
  const out = (await cliOk(["audit", "--data", t.dataDir, "--json", "--limit", "100000"])).stdout;
  return out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

beforeAll(async () => {
  printer = new PrinterEndpoint();
  const printerPort = await printer.listen();
  t = await startKioskStation({
    kiosk: { idleSignOutS: IDLE_S },
    printers: [
      { name: "packing", kind: "escpos", transport: { type: "tcp", host: "127.0.0.1", port: printerPort } },
    ],
  });
  api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
  // Bifenthrin yesterday with a 4-day interval: today's certificate needs a supervisor's override.
  const input = await api.admin("POST", "/api/inputs", {
    siteId: "gh1",
    kind: "pesticide",
    name: "联苯菊酯",
    regNo: "PD20080005",
    amount: 0.2,
    unit: "L",
    intervalDays: 4,
    operator: "王师傅",
    appliedAt: Date.now() - DAY_MS,
  });
  expect(input.status).toBe(201);
  const password = await t.addDevice("scale-1", "scale");
  scale = await connectDevice(t.mqttUrl, "scale-1", password);
  for (const [name, role, pin] of [
    ["王芳", "worker", "1111"],
    ["刘伟", "worker", "2222"],
    ["李强", "supervisor", "3333"],
  ]) {
    expect((await api.admin("POST", "/api/operators", { name, role, pin })).status).toBe(201);
  }
  browser = await openKioskBrowser("large");
  page = browser.page;
}, 120_000);

afterAll(async () => {
  if (browser?.problems.length) console.error(browser.problems.join("\n"));
  await browser?.close();
  await scale?.endAsync();
  await t?.stop();
  await printer?.close();
  if (t) removeDir(t.dataDir);
});

describe("named operators at the kiosk (Chromium)", () => {
  it(
    "two workers sign in in turn and the packages record who packed them",
    async () => {
      await page.goto(`${t.baseUrl}/kiosk/`);
      await page.getByTestId("sign-in").waitFor(WAIT);
      await page.getByTestId("choose-batch").click();
      await page.getByTestId("open-batch").click();
      await page.getByTestId("product-tomato").click();
      await page.getByTestId("open-batch-submit").click();
      await signInOnKeypad(page, "001", "1111");
      await page.getByTestId("batch-lot").waitFor(WAIT);
      lot = (await page.getByTestId("batch-lot").textContent()) ?? "";
      await page.getByTestId("operator-name").filter({ hasText: "王芳" }).waitFor(WAIT);
      await browser.shot("operator-signed-in", "large");
      await expect.poll(async () => (await api.get("/api/scales")).body.scales[0]?.lot, WAIT).toBe(lot);

      await weigh(2.345);
      await page.locator('[data-testid="print"]:not([disabled])').click(WAIT);
      await page
        .getByTestId("last-labels")
        .filter({ hasText: `${lot}-001` })
        .waitFor(WAIT);

      await page.getByTestId("sign-out").click();
      await page.getByTestId("sign-in").waitFor(WAIT);
      await weigh(0);
      await weigh(1.5);
      await page.getByTestId("weight").filter({ hasText: "1.500" }).waitFor(WAIT);
      await page.locator('[data-testid="print"]:not([disabled])').click(WAIT);
      await signInOnKeypad(page, "002", "2222");
      await page
        .getByTestId("last-labels")
        .filter({ hasText: `${lot}-002` })
        .waitFor(WAIT);
      await page.getByTestId("operator-name").filter({ hasText: "刘伟" }).waitFor(WAIT);

      // On the package record itself (kept from public reads), and in the audit trail.
      const packages = (await api.admin("GET", `/api/batches/${lot}/packages`)).body.packages;
      expect(packages.map((p: { packedBy: string }) => p.packedBy)).toEqual(["王芳", "刘伟"]);
      const publicRead = (await api.get(`/api/batches/${lot}/packages`)).body.packages;
      expect(JSON.stringify(publicRead)).not.toContain("王芳");
      const packed = (await auditRows()).filter((r) => r.kind === "packages" && r.op === "insert");
      expect(packed.map((r) => [r.recordId, r.actorName])).toEqual([
        [`${lot}-001`, "王芳"],
        [`${lot}-002`, "刘伟"],
      ]);
    },
    E2E_TIMEOUT,
  );

  it(
    "refuses a worker's override and void with a code; the supervisor's certificate carries their name",
    async () => {
      await page.goto(`${t.baseUrl}/kiosk/#/cert?lot=${lot}`);
      await page.getByTestId("close-batch").click();
      await page.getByTestId("close-batch-submit").click();
      await page.getByTestId("cert-issue").and(page.locator(":not([disabled])")).click(WAIT);
      await page.getByTestId("override").click(WAIT);
      await page.getByTestId("supervisor").fill("刘伟");
      await page.getByTestId("override-reason").fill("复检合格，放行");
      await page.locator(".sheet button.danger").click();
      await page.locator(".toast", { hasText: "OPERATOR_ROLE_REFUSED" }).waitFor(WAIT);
      await browser.shot("operator-worker-refused", "large");

      // The line's void, with the worker's own session from this screen.
      const token = await page.evaluate(
        () => JSON.parse(localStorage.getItem("kiosk.session") ?? "{}").token,
      );
      const voided = await api.raw(
        "POST",
        "/api/lines/scale-1/intents",
        { intent: "void", serial: `${lot}-001`, reason: "测试" },
        { "x-operator-session": token, "content-type": "application/json" },
      );
      expect(voided.status).toBe(403);
      expect(voided.body.error.code).toBe("OPERATOR_ROLE_REFUSED");

      await page.getByTestId("sign-out").click();
      await page.getByTestId("override").click(WAIT);
      await page.getByTestId("supervisor").fill("someone else");
      await page.getByTestId("override-reason").fill("复检合格，主管放行");
      await page.locator(".sheet button.danger").click();
      await signInOnKeypad(page, "003", "3333");
      await page.locator("table.grid code").first().waitFor(WAIT);
      await browser.shot("operator-supervisor-issued", "large");

      const certificates = (await api.admin("GET", `/api/certificates?lot=${lot}`)).body.certificates;
      expect(certificates).toHaveLength(1);
      expect(certificates[0].issuedBy).toBe("李强");
      expect(certificates[0].override.supervisor).toBe("李强");
      const issued = (await auditRows()).find((r) => r.kind === "certificates" && r.op === "insert");
      expect(issued?.actorName).toBe("李强");
      // The printed certificate names its issuer too.
      await printer.waitFor(
        () => parseEscpos(printer.all()).lines.some((l) => l.includes("开具人：李强")),
        30_000,
        "开具人 on the printed certificate",
      );
    },
    E2E_TIMEOUT,
  );

  it(
    "signs out by itself after the idle time, and the station refuses the old session",
    async () => {
      const token = await page.evaluate(
        () => JSON.parse(localStorage.getItem("kiosk.session") ?? "{}").token,
      );
      expect(token).toBeTypeOf("string");
      await page.getByTestId("sign-in").waitFor({ timeout: (IDLE_S + 15) * 1000 });
      const after = await api.raw("GET", "/api/operators/me", undefined, { "x-operator-session": token });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe("OPERATOR_SESSION_ENDED");
      await browser.shot("operator-idle-signed-out", "large");
    },
    E2E_TIMEOUT,
  );
});
