import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEscpos } from "../../helpers/escpos-stream.js";
import { apiClient, DAY_MS, seedTomatoFarm } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { waitFor } from "../../helpers/poll.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import { removeDir } from "../../helpers/station.js";

/**
 * Issue 20 item 5 through a running station: a certificate printed on the 50×30 mm template
 * carries its issue date and its whole number (the printer's bytes, decoded).
 */
let t: KioskTestStation;
let printer: PrinterEndpoint;
const HARVEST = Date.parse("2026-05-10T09:00:00+08:00");

beforeAll(async () => {
  printer = new PrinterEndpoint();
  const port = await printer.listen();
  t = await startKioskStation({
    station: { code: "ST0001" },
    printers: [
      {
        name: "small",
        kind: "escpos",
        use: ["certificate"],
        certificateTemplate: "cert-50x30",
        transport: { type: "tcp", host: "127.0.0.1", port },
      },
    ],
  });
  await seedTomatoFarm(apiClient(t.baseUrl));
});

afterAll(async () => {
  await t?.stop();
  await printer?.close();
  if (t) removeDir(t.dataDir);
});

describe("the 50×30 certificate", () => {
  it("prints the issue date and the number", async () => {
    const api = apiClient(t.baseUrl);
    const opened = await api.kiosk("POST", "/api/batches", {
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: HARVEST - 30 * DAY_MS,
    });
    const lot = opened.body.batch.lot as string;
    await api.kiosk("POST", `/api/batches/${lot}/packages`, { netKg: 4.2, weighedAt: HARVEST, print: false });
    await api.kiosk("POST", `/api/batches/${lot}/close`, { harvestAt: HARVEST });
    const issued = await api.kiosk("POST", "/api/certificates", {
      lot,
      basis: ["quality_control"],
      issuedAt: "2026-05-10 18:30",
    });
    expect(issued.status).toBe(201);
    const number = issued.body.certificate.number as string;
    expect(number).toMatch(/^ST0001-HG\d{6}-[0-9A-Z]$/);
    await waitFor(() => parseEscpos(printer.all()).lines.some((l) => l.includes(number)), 30_000);
    const text = parseEscpos(printer.all()).lines.join("\n");
    expect(text).toContain(`No.${number}`);
    expect(text).toContain("2026-05-10");
    expect(text).toContain("产地:福建省福州市");
    expect(text).toContain("电话:0591-12345678");
  });
});
