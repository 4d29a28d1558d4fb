/**
 * Packing line: from the frame that makes a carton's weight stable to the last byte of its
 * label at a TCP printer, in auto mode, over 200 cartons. A real station in this process, an
 * A&D indicator on a socat pty read by the real serialport binding, the durable print queue on
 * a real SQLite file, a TCP printer endpoint. Goal on this machine: p99 ≤ 100 ms. Measured
 * with the job's claim in a commit of its own and with it in the package's commit, in turn.
 * Run alone: npm run bench line
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SCALE_PROTOCOLS } from "../../drivers/scale/protocols/index.js";
import { serialSettings } from "../../drivers/serial-defaults.js";
import { SerialTransport } from "../../drivers/transport/serial-transport.js";
import { createStation } from "../../edge/app.js";
import { validateConfig } from "../../edge/config/load.js";
import { silentLogger } from "../../edge/core/logger.js";
import { PrinterEndpoint } from "../helpers/printer-endpoint.js";
import { createPtyPair } from "../helpers/pty.js";
import { tempDir } from "../helpers/station.js";

const CARTONS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function run(): Promise<void> {
  const dir = tempDir("bench-line");
  mkdirSync(join(dir, "pty"));
  const pty = await createPtyPair(join(dir, "pty"));
  const endpoint = new PrinterEndpoint();
  const port = await endpoint.listen();
  const loaded = validateConfig({
    dataDir: join(dir, "data"),
    demo: { enabled: false },
    mqtt: { port: 0, host: "127.0.0.1" },
    http: { port: 0, host: "127.0.0.1" },
    drivers: { scales: [{ id: "line-1", protocol: "generic-ad", serial: { path: pty.a } }] },
    printers: [{ name: "line", kind: "escpos", transport: { type: "tcp", host: "127.0.0.1", port } }],
  });
  const station = createStation(loaded, { logger: silentLogger() });
  await station.start();
  const indicator = new SerialTransport(
    serialSettings({ path: pty.b }, SCALE_PROTOCOLS["generic-ad"].serial),
  );
  await indicator.open();
  const ad = SCALE_PROTOCOLS["generic-ad"];
  try {
    const { domain } = station;
    domain.master.setSubject({
      name: "绿源蔬菜专业合作社",
      kind: "producer",
      idNumber: "91350100M000100Y43",
      contact: "0591-12345678",
    });
    domain.master.putProduct({
      id: "tomato",
      name: "番茄",
      category: "vegetables",
      crop: "番茄",
      unit: "kg",
    });
    domain.master.putSite({ id: "gh1", name: "1号温室", kind: "greenhouse" });
    const batch = domain.batches.open({
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: Date.now() - 86_400_000,
    });
    const line = station.lines.get("line-1");
    line.selectBatch(batch.lot);
    line.configure({ mode: "each", auto: true });
    // Before and after in one run, carton by carton in turn, so both see the same load: the
    // job claimed by its worker in a commit of its own (before), or committed as sending with
    // the package that it labels (after, the default).
    const variants = [
      {
        name: "claim commit of its own (before)",
        claimOnEnqueue: false,
        latencies: [] as number[],
        toQueued: [] as number[],
      },
      {
        name: "claimed with its package (after)",
        claimOnEnqueue: true,
        latencies: [] as number[],
        toQueued: [] as number[],
      },
    ];
    let madeAt = 0;
    let lastJob = 0;
    station.printing.on("job", (job) => {
      if (job.id > lastJob) {
        lastJob = job.id;
        madeAt = performance.now();
      }
    });
    for (let i = 0; i < CARTONS * variants.length; i++) {
      const variant = variants[i % variants.length] as (typeof variants)[number];
      station.printing.claimWithInsert(variant.claimOnEnqueue);
      const kg = 4.9 + (i % 20) / 100;
      const before = endpoint.capture.connections.length;
      // Empty pan, then the carton swinging in (unstable), then the stable frame that counts.
      for (let n = 0; n < 3; n++) await indicator.write(ad.encode({ kg: 0, stable: true }));
      await indicator.write(ad.encode({ kg: kg * 0.8, stable: false }));
      await sleep(20);
      const stableAt = performance.now();
      await indicator.write(ad.encode({ kg, stable: true }));
      await endpoint.waitFor(
        () => {
          const c = endpoint.capture.connections[endpoint.capture.connections.length - 1];
          return (
            endpoint.capture.connections.length > before &&
            c !== undefined &&
            c.length > 200 &&
            c.at(-3) === 0x10
          );
        },
        10_000,
        `carton ${i + 1}'s label`,
      );
      variant.latencies.push(
        (endpoint.lastDataAt[endpoint.capture.connections.length - 1] ?? Number.NaN) - stableAt,
      );
      variant.toQueued.push(madeAt - stableAt);
      // Wait until the job is done before the next carton, as the line itself does.
      while (line.view().last?.job?.state !== "done") await sleep(2);
    }
    for (const v of variants) {
      const sorted = [...v.latencies].sort((a, b) => a - b);
      const p99 = percentile(sorted, 99);
      console.log(
        `${`stable weight → last label byte at TCP printer (auto), ${v.name}`.padEnd(90)} n=${CARTONS}  p50 ${percentile(sorted, 50).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  ${p99 <= 100 ? "✓" : "✗"} goal p99 ≤ 100 ms`,
      );
      const q = [...v.toQueued].sort((a, b) => a - b);
      console.log(
        `  of which stable frame → label job made (decode, placement, package + outbox, job row): p50 ${percentile(q, 50).toFixed(2)} ms  p99 ${percentile(q, 99).toFixed(2)} ms`,
      );
    }
    console.log(
      `  (packages ${domain.packages.totals(batch.lot).count}, labels ${endpoint.capture.connections.length})`,
    );
  } finally {
    await indicator.close().catch(() => undefined);
    await station.stop();
    await pty.unplug();
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
