import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEscpos } from "../../helpers/escpos-stream.js";
import { apiClient, DAY_MS, seedTomatoFarm } from "../../helpers/kiosk-api.js";
import { SCREENSHOT_DIR } from "../../helpers/kiosk-browser.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { connectDevice, waitFor } from "../../helpers/mqtt-client.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import { decodeQrPng } from "../../helpers/qr-decode.js";
import { SseReader } from "../../helpers/sse-reader.js";
import { removeDir } from "../../helpers/station.js";

/**
 * Auto-print: with it on for a scale, each stable weight becomes a package of the chosen batch
 * and its label prints with no tap; a later tap does not print it twice; a reprint says 补打.
 * The live feed carries the weight, the package and the job states.
 */
let t: KioskTestStation;
let printer: PrinterEndpoint;
let scale: MqttClient;
let sse: SseReader;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  printer = new PrinterEndpoint();
  const port = await printer.listen();
  t = await startKioskStation({
    printers: [{ name: "packing", kind: "escpos", transport: { type: "tcp", host: "127.0.0.1", port } }],
    labels: { qr: { baseUrl: "http://station.test", useGtin: false } },
  });
  api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
  scale = await connectDevice(t.mqttUrl, "scale-1", await t.addDevice("scale-1", "scale"));
  sse = new SseReader();
  await sse.open(`${t.baseUrl}/api/events`);
});

afterAll(async () => {
  await sse?.close();
  await scale?.endAsync();
  await t?.stop();
  await printer?.close();
  if (t) removeDir(t.dataDir);
});

const qrCount = () => parseEscpos(printer.all()).qrPayloads.length;

describe("auto-print on stable weights", () => {
  it("prints each stable weight's label once, without a tap", async () => {
    const { body } = await api.kiosk("POST", "/api/batches", {
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: Date.now() - DAY_MS,
    });
    const lot = body.batch.lot as string;
    const bound = await api.kiosk("PUT", "/api/scales/scale-1/batch", { lot, autoPrint: true });
    expect(bound.body).toEqual({ deviceId: "scale-1", lot, autoPrint: true });

    await scale.publishAsync(
      "trace/v1/dev/scale-1/weight",
      JSON.stringify({ net: 1.5, unit: "kg", stable: false }),
      { qos: 1 },
    );
    await scale.publishAsync(
      "trace/v1/dev/scale-1/weight",
      JSON.stringify({ net: 1500, unit: "g", stable: true }),
      { qos: 1 },
    );
    await printer.waitFor(() => qrCount() >= 1, 30_000, "the auto-printed label");
    expect(parseEscpos(printer.all()).qrPayloads).toEqual([`http://station.test/t/${lot}-001`]);

    // The feed told the kiosk: live weights (kg), the package, the job through to done.
    await waitFor(() => sse.of("job").some((j) => (j as { state: string }).state === "done"), 30_000);
    expect(sse.of("weight").map((w) => (w as { netKg: number }).netKg)).toEqual([1.5, 1.5]);
    expect(sse.of("package")).toMatchObject([{ serial: `${lot}-001`, netKg: 1.5, deviceId: "scale-1" }]);

    // A tap after auto-print returns the same job; nothing more reaches the printer.
    const tap = await api.kiosk("POST", `/api/packages/${lot}-001/print`, {});
    expect(tap.body.job.state).toBe("done");
    const jobs = (await api.get("/api/print-jobs")).body.jobs;
    expect(jobs).toHaveLength(1);

    const reprint = await api.kiosk("POST", `/api/packages/${lot}-001/reprint`, {});
    expect(reprint.body.job.reprint).toBe(true);
    await printer.waitFor(() => qrCount() >= 2, 30_000, "the reprint");
    const lines = parseEscpos(printer.capture.connections.at(-1) ?? Buffer.alloc(0)).lines.join("\n");
    expect(lines).toContain("补打");
  });

  it("previews the certificate label as a PNG without issuing anything", async () => {
    const [batch] = (await api.get("/api/batches")).body.batches;
    const res = await fetch(
      `${t.baseUrl}/api/certificates/preview.png?lot=${batch.lot}&basis=quality_control,own_test`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await res.arrayBuffer());
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, "cert-preview-label.png"), png);
    expect(decodeQrPng(png)).toBe(`http://station.test/t/${batch.lot}`);
    expect((await api.get(`/api/certificates?lot=${batch.lot}`)).body.certificates).toEqual([]);
  });

  it("makes no package when the scale is not pointed at a batch", async () => {
    await api.kiosk("DELETE", "/api/scales/scale-1/batch", {});
    const before = sse.of("package").length;
    await scale.publishAsync(
      "trace/v1/dev/scale-1/weight",
      JSON.stringify({ net: 2.2, unit: "kg", stable: true }),
      { qos: 1 },
    );
    await waitFor(() => sse.of("weight").some((w) => (w as { netKg: number }).netKg === 2.2), 30_000);
    expect(sse.of("package")).toHaveLength(before);
  });
});
