import { afterEach, describe, expect, it } from "vitest";
import { parseEscpos, stackRasters } from "../../helpers/escpos-stream.js";
import { certificateData, packageData } from "../../helpers/label-fixtures.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import {
  PACKAGE_URL,
  type PrintingFixture,
  printingFixture,
  tcpPrinter,
  waitForState,
} from "../../helpers/printing-fixture.js";
import { decodeQr } from "../../helpers/qr-decode.js";
import { parseTspl } from "../../helpers/tspl-stream.js";

const URL = PACKAGE_URL;
let endpoint: PrinterEndpoint;
let fx: PrintingFixture;

afterEach(async () => {
  await fx?.close();
  await endpoint?.close();
});

async function setup(extra: Record<string, unknown> = {}) {
  endpoint = new PrinterEndpoint();
  await endpoint.listen();
  fx = printingFixture([tcpPrinter(endpoint.port, extra)]);
  await fx.printing.start();
}

describe("printing to a TCP printer", () => {
  it("ESC/POS: status asked before and after, GBK text and GS ( k QR on the wire", async () => {
    await setup();
    const pkg = fx.printing.enqueuePackageData(packageData);
    const cert = fx.printing.enqueueCertificateData(certificateData);
    const done = await waitForState(fx.printing, cert.id, ["done"]);
    expect((await waitForState(fx.printing, pkg.id, ["done"])).state).toBe("done");
    expect(done.reason).toMatch(/DLE EOT/);
    const [first, second] = endpoint.capture.connections.map(parseEscpos);
    expect(first?.statusRequests).toEqual([1, 4, 1, 4]);
    expect(first?.qrPayloads).toEqual([URL]);
    const text = first?.lines.join("\n") ?? "";
    for (const s of ["有机西红柿", "12.345 kg", "ST01261122007K"]) expect(text).toContain(s);
    expect(second?.lines.join("\n")).toContain("承诺达标合格证");
    expect(second?.qrPayloads).toEqual(["http://trace-station.local:8080/t/ST01261122007K"]);
  });

  it("ESC/POS raster mode: the QR rebuilt from GS v 0 decodes to the URL", async () => {
    await setup({ escposMode: "raster" });
    const job = fx.printing.enqueuePackageData(packageData);
    await waitForState(fx.printing, job.id, ["done"]);
    const parsed = parseEscpos(endpoint.all());
    expect(parsed.lines.join("")).toBe("");
    const image = stackRasters(parsed.rasters);
    expect(decodeQr(image.rgba, image.width, image.height)).toBe(URL);
  });

  it("TSPL: QRCODE payload and GBK TEXT", async () => {
    await setup({ kind: "tspl", packageTemplate: "package-40x30" });
    const job = fx.printing.enqueuePackageData(packageData, { reprint: true });
    await waitForState(fx.printing, job.id, ["done"]);
    // ESC ! ? before and after the job.
    const bytes = endpoint.all();
    expect([...bytes.subarray(0, 3)]).toEqual([0x1b, 0x21, 0x3f]);
    const commands = parseTspl(bytes.subarray(3, bytes.length - 3));
    expect(commands.find((c) => c.name === "QRCODE")?.args[6]).toBe(URL);
    const texts = commands.filter((c) => c.name === "TEXT").map((c) => c.args[6]);
    expect(texts).toContain("有机西红柿");
    expect(texts).toContain("补打");
  });
});
