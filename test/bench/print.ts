/**
 * Printing: label layout + encoding time (template → label → printer bytes), and the latency
 * from a print request (enqueue) to the last byte arriving at a TCP printer endpoint, with
 * labels requested at 5 per second through the durable queue on a real SQLite file.
 * Goals on this machine: encoding p99 ≤ 5 ms; request-to-last-byte p99 ≤ 25 ms.
 * Run alone: npx tsx test/bench/print.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { validateConfig } from "../../edge/config/load.js";
import { systemClock } from "../../edge/core/clock.js";
import { silentLogger } from "../../edge/core/logger.js";
import { PrintService } from "../../edge/printing/print-service.js";
import { openDatabase } from "../../edge/store/database.js";
import { encodeEscpos } from "../../labels/escpos/encode-escpos.js";
import { GlyphCache } from "../../labels/glyph-cache.js";
import { encodeTspl } from "../../labels/tspl/encode-tspl.js";
import { certificateData, labelBook, packageData } from "../helpers/label-fixtures.js";
import { PrinterEndpoint } from "../helpers/printer-endpoint.js";
import { tcpPrinter } from "../helpers/printing-fixture.js";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function report(name: string, samples: number[], goal?: number): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const verdict =
    goal === undefined ? "" : p99 <= goal ? `  ✓ goal p99 ≤ ${goal} ms` : `  ✗ goal p99 ≤ ${goal} ms`;
  console.log(
    `${name.padEnd(44)} n=${samples.length}  p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms${verdict}`,
  );
}

function timeEach(n: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < 50; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

function encoding(): void {
  const book = labelBook();
  const glyphs = new GlyphCache();
  const escpos = { dpi: 203, mode: "text", qr: "native", kanjiMode: true, cut: false } as const;
  const tspl = { dpi: 203, gapMm: 2, direction: 1, copies: 1 } as const;
  const pkg = (i: number) => ({
    ...packageData,
    serial: `ST01261122007K-${String(i).padStart(4, "0")}`,
    netKg: 1 + i / 1000,
  });
  report(
    "layout+encode package 60x40 ESC/POS text",
    timeEach(2000, (i) =>
      encodeEscpos(book.packageLabel("package-60x40", pkg(i), false).label, escpos, glyphs),
    ),
    5,
  );
  report(
    "layout+encode package 40x30 TSPL",
    timeEach(2000, (i) => encodeTspl(book.packageLabel("package-40x30", pkg(i), false).label, tspl, glyphs)),
    5,
  );
  report(
    "layout+encode certificate 100x70 ESC/POS text",
    timeEach(1000, (i) =>
      encodeEscpos(
        book.certificateLabel("cert-100x70", { ...certificateData, number: `C${i}` }, false).label,
        escpos,
        glyphs,
      ),
    ),
    5,
  );
  report(
    "layout+encode package 60x40 ESC/POS raster (warm)",
    timeEach(300, (i) =>
      encodeEscpos(
        book.packageLabel("package-60x40", pkg(i), false).label,
        { ...escpos, mode: "raster" },
        glyphs,
      ),
    ),
  );
}

async function endToEnd(): Promise<void> {
  const endpoint = new PrinterEndpoint();
  await endpoint.listen();
  const dir = mkdtempSync(join(tmpdir(), "trace-bench-print-"));
  const { config } = validateConfig({
    dataDir: dir,
    demo: { enabled: false },
    printers: [tcpPrinter(endpoint.port)],
  });
  const db = openDatabase(dir);
  const printing = new PrintService({ db, config, dataDir: dir, clock: systemClock, log: silentLogger() });
  await printing.start();
  const requested: number[] = [];
  const labels = 75;
  try {
    for (let i = 0; i < labels; i++) {
      const due = i * 200; // 5 labels per second
      const start = requested[0] ?? performance.now();
      const wait = start + due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      requested.push(performance.now());
      printing.enqueuePackageData({ ...packageData, serial: `ST01261122007K-${String(i).padStart(4, "0")}` });
    }
    await endpoint.waitFor(() => endpoint.capture.connections.length >= labels, 60_000, "every label");
    const last = printing.jobs({ limit: 1 })[0];
    while (printing.job(last?.id ?? 0).state !== "done")
      await new Promise((resolve) => setTimeout(resolve, 20));
    const latencies = requested.map((t, i) => (endpoint.lastDataAt[i] ?? Number.NaN) - t);
    report("request → last byte at TCP printer, 5 labels/s", latencies, 25);
    const bytes = endpoint.capture.connections.reduce((n, c) => n + c.length, 0);
    console.log(
      `  (${labels} labels, ${Math.round(bytes / labels)} bytes each incl. status requests, status checked before and after)`,
    );
  } finally {
    await printing.stop();
    db.close();
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  encoding();
  await endToEnd();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
