import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { parseEscpos } from "../../helpers/escpos-stream.js";
import { packageData } from "../../helpers/label-fixtures.js";
import {
  PACKAGE_URL,
  type PrintingFixture,
  printingFixture,
  waitForState,
} from "../../helpers/printing-fixture.js";
import { createPtyPair, type PtyPair } from "../../helpers/pty.js";

const URL = PACKAGE_URL;
let dir: string;
let fx: PrintingFixture | undefined;
let pty: PtyPair | undefined;
let printerSide: SerialTransport | undefined;

afterEach(async () => {
  await fx?.close();
  fx = undefined;
  await printerSide?.close();
  printerSide = undefined;
  await pty?.unplug();
  pty = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("printer transports", () => {
  it("serial: a printer on a pty pair answers DLE EOT, reports paper out, then prints", async () => {
    dir = mkdtempSync(join(tmpdir(), "trace-print-serial-"));
    pty = await createPtyPair(dir);
    // The far end of the cable plays the printer.
    printerSide = new SerialTransport({
      path: pty.b,
      baudRate: 9600,
      dataBits: 8,
      parity: "none",
      stopBits: 1,
    });
    await printerSide.open();
    let received = Buffer.alloc(0);
    let paper = 0x72;
    printerSide.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      for (let i = 0; i + 2 < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
          void printerSide?.write(Buffer.from([chunk[i + 2] === 4 ? paper : 0x16]));
        }
      }
    });
    fx = printingFixture([
      {
        name: "s1",
        kind: "escpos",
        transport: { type: "serial", path: pty.a },
        retryMs: 200,
        statusTimeoutMs: 3000,
      },
    ]);
    await fx.printing.start();
    const job = fx.printing.enqueuePackageData(packageData);
    await waitForState(fx.printing, job.id, ["queued"], (j) => j.reasonCode === "PRINTER_PAPER_OUT");
    expect(parseEscpos(received).qrPayloads).toEqual([]);
    expect(await fx.printing.printers()).toMatchObject([
      { name: "s1", ready: false, code: "PRINTER_PAPER_OUT" },
    ]);
    paper = 0x12;
    await waitForState(fx.printing, job.id, ["done"]);
    const parsed = parseEscpos(received);
    expect(parsed.qrPayloads).toEqual([URL]);
    expect(parsed.lines.join("\n")).toContain("有机西红柿");
  });

  it("device file (/dev/usb/lp0 style): bytes written whole, no status asked", async () => {
    dir = mkdtempSync(join(tmpdir(), "trace-print-lp-"));
    const lp = join(dir, "lp0");
    fx = printingFixture([{ name: "lp", kind: "tspl", transport: { type: "device", path: lp } }]);
    await fx.printing.start();
    const job = fx.printing.enqueuePackageData(packageData);
    await waitForState(fx.printing, job.id, ["done"]);
    const bytes = readFileSync(lp);
    expect(bytes.subarray(0, 4).toString()).toBe("SIZE");
    expect(bytes.includes(Buffer.from([0x1b, 0x21, 0x3f]))).toBe(false);
    expect(bytes.toString("latin1")).toContain(URL);
  });
});
