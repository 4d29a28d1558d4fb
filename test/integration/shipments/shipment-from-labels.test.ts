import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINE_9600_8N1, serialSettings } from "../../../drivers/serial-defaults.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { parseEscpos, stackRasters } from "../../helpers/escpos-stream.js";
import { apiClient, DAY_MS, seedTomatoFarm, TEST_GTIN } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { waitFor } from "../../helpers/poll.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import { createPtyPair, type PtyPair } from "../../helpers/pty.js";
import { decodeQr } from "../../helpers/qr-decode.js";
import { SseReader } from "../../helpers/sse-reader.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Issue 17 acceptance: a shipment scanned from printed labels. Labels print as raster images on
 * a TCP ESC/POS printer; their QR is decoded back from the captured bytes and typed by a serial
 * scanner on a real pty; the kiosk's live `scan` events carry them to the shipment.
 */
const dir = tempDir("shipment-labels");
let t: KioskTestStation;
let printer: PrinterEndpoint;
let scanner: PtyPair;
let sse: SseReader;
let api: ReturnType<typeof apiClient>;

const GROCER = {
  name: "王小明",
  idNumber: "11010519491231002X",
  phone: "13800138000",
  market: "东街菜市场 12 号摊",
};

beforeAll(async () => {
  mkdirSync(join(dir, "scanner"), { recursive: true });
  scanner = await createPtyPair(join(dir, "scanner"));
  printer = new PrinterEndpoint();
  const port = await printer.listen();
  t = await startKioskStation({
    printers: [
      {
        name: "packing",
        kind: "escpos",
        escposMode: "raster",
        transport: { type: "tcp", host: "127.0.0.1", port },
      },
    ],
    labels: { qr: { baseUrl: "https://trace.example.cn", useGtin: true } },
    drivers: { scanners: [{ id: "scanner-1", serial: { path: scanner.a } }] },
  });
  api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
  sse = new SseReader();
  await sse.open(`${t.baseUrl}/api/events`);
});

afterAll(async () => {
  await sse?.close();
  await t?.stop();
  await printer?.close();
  await scanner?.unplug();
  if (t) removeDir(t.dataDir);
  removeDir(dir);
});

/** The QR of every label the printer received, decoded from its raster image. */
function printedQrs(): string[] {
  return printer.capture.connections
    .map((bytes) => parseEscpos(bytes).rasters)
    .filter((bands) => bands.length > 0)
    .map(stackRasters)
    .map((image) => decodeQr(image.rgba, image.width, image.height))
    .filter((text): text is string => text !== undefined);
}

describe("a shipment scanned from printed package labels", () => {
  it("records exactly the scanned packages, refuses one shipped twice with the earlier shipment, and the trace page shows it without the phone", async () => {
    const opened = await api.kiosk("POST", "/api/batches", {
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: Date.now() - DAY_MS,
    });
    const lot = opened.body.batch.lot as string;
    for (const netKg of [5.2, 4.8, 5.0]) {
      const made = await api.kiosk("POST", `/api/batches/${lot}/packages`, { netKg, weighedAt: Date.now() });
      expect(made.status).toBe(201);
    }
    await printer.waitFor(() => printedQrs().length >= 3, 60_000, "three package labels");
    const qrs = printedQrs();
    expect(qrs[0]).toBe(`https://trace.example.cn/01/${TEST_GTIN}/10/${lot}/21/001`);

    // Two of the three labels go through the scanner; one is read twice, as scanners do.
    const device = new SerialTransport(serialSettings({ path: scanner.b }, LINE_9600_8N1));
    await device.open();
    await device.write(Buffer.from(`${qrs[0]}\r\n${qrs[2]}\r\n${qrs[2]}\r\n`));
    await waitFor(() => sse.of("scan").length === 3, 15_000);
    await device.close();
    const scans = sse.of("scan").map((s) => (s as { code: string }).code);

    // The kiosk checks each scan as it comes (running count and weight) …
    const checked = [];
    for (const scan of scans) checked.push((await api.kiosk("POST", "/api/shipments/scan", { scan })).body);
    expect(checked.map((c) => c.package.serial)).toEqual([`${lot}-001`, `${lot}-003`, `${lot}-003`]);
    // … then records the shipment.
    const shipped = await api.kiosk("POST", "/api/shipments", {
      buyer: GROCER,
      shippedAt: Date.now(),
      scans,
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
    const shipment = shipped.body.shipment;
    expect(shipment.packages.map((p: { serial: string }) => p.serial)).toEqual([`${lot}-001`, `${lot}-003`]);
    expect(shipment.totals).toEqual({ packageCount: 2, netKg: 10.2 });
    expect(shipment.actor).toEqual({ id: null, name: "kiosk", role: "worker" });
    expect(shipped.body.stock).toMatchObject([{ lot, remainingCount: 1, remainingKg: 4.8 }]);
    // Its own labels scanned to ship are not supplier lots received.
    const incoming = await api.kiosk("GET", "/api/incoming?limit=30");
    expect(incoming.body.incoming).toEqual([]);

    const twice = await api.kiosk("POST", "/api/shipments", {
      buyer: { name: "别人", market: "西市" },
      shippedAt: Date.now(),
      scans: [qrs[1], qrs[2]],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe("SHIPMENT_PACKAGE_SHIPPED");
    expect(twice.body.error.message).toContain(shipment.number);
    expect(twice.body.error.message).toContain(GROCER.name);

    // Buyers' details are never read without credentials.
    expect((await api.get("/api/shipments")).status).toBe(401);

    const page = await fetch(`${t.baseUrl}/t/${lot}-001`).then((r) => r.text());
    expect(page).toContain("销售去向");
    expect(page).toContain(GROCER.market);
    for (const secret of [GROCER.phone, GROCER.idNumber, GROCER.name]) expect(page).not.toContain(secret);
    // The scanned package's own shipment is marked; a package still in stock marks none.
    const shipmentsOf = (html: string) => html.slice(html.indexOf('id="shipments"'));
    expect(shipmentsOf(page)).toContain('<tr class="mine">');
    const unshipped = await fetch(`${t.baseUrl}/t/${lot}-002`).then((r) => r.text());
    expect(shipmentsOf(unshipped)).toContain("销售去向");
    expect(shipmentsOf(unshipped)).not.toContain('class="mine"');
    const pub = await api.get(`/api/trace/${lot}`);
    expect(pub.body.shipments).toEqual([
      {
        shippedAt: shipment.shippedAt,
        to: GROCER.market,
        market: GROCER.market,
        packageCount: 2,
        netKg: 10.2,
      },
    ]);
    expect(JSON.stringify(pub.body)).not.toContain(GROCER.phone);

    const list = await fetch(`${t.baseUrl}/api/shipments/${shipment.number}/list.html`, {
      headers: { "x-kiosk-pin": "246810" },
    }).then((r) => r.text());
    expect(list).toContain("出库清单");
    expect(list).toContain(GROCER.phone);

    const recall = await api.admin("GET", `/api/recall?batch=${lot}`);
    expect(recall.body.buyers).toMatchObject([{ name: GROCER.name, phone: GROCER.phone, netKg: 10.2 }]);
    expect((await api.kiosk("GET", `/api/recall?batch=${lot}`)).status).toBe(403);
  });
});
