/**
 * Recall in one query (issue 17 item 4) on a year of a busy station's records: 3 batches a
 * day of 200 packages each (about 219,000 packages), 2 supplier lots a day each used in 1-3
 * batches, 20 shipments a day to 300 buyers taking every package. Prints p50/p99 of the recall
 * by supplier lot and by batch, then the same with the shipments' recall indexes dropped, to
 * show what they buy. Goal: p99 < 50 ms. Run alone: npx tsx test/bench/recall.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Recall, type RecallQuery } from "../../edge/shipments/recall.js";
import { type Database, openDatabase } from "../../edge/store/database.js";

const DAYS = 365;
const BATCHES_PER_DAY = 3;
const PACKAGES_PER_BATCH = 200;
const INCOMING_PER_DAY = 2;
const SHIPMENTS_PER_DAY = 20;
const BUYERS = 300;
const DAY = 86_400_000;
const START = Date.parse("2025-06-01T06:00:00+08:00");

/** A small deterministic generator, so two runs measure the same store. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function generate(db: Database): {
  lots: string[];
  supplierLots: string[];
  packages: number;
  shipments: number;
} {
  db.pragma("synchronous = OFF");
  const random = rng(17);
  const lots: string[] = [];
  const supplierLots: string[] = [];
  let packages = 0;
  let shipments = 0;
  const now = START;
  db.prepare(
    "INSERT INTO domain_products (id, name, category, unit, created_at, updated_at) VALUES ('tomato', '番茄', 'vegetables', 'kg', 0, 0)",
  ).run();
  const addBuyer = db.prepare(
    "INSERT INTO shipment_buyers (name, phone, market, needs_certificate, created_at, updated_at) VALUES (?, ?, ?, 0, 0, 0)",
  );
  const addIncoming = db.prepare(
    "INSERT INTO domain_incoming_lots (raw_code, code_kind, status, supplier, quantity, unit, received_at) VALUES (?, 'other', 'received', ?, 500, 'kg', ?)",
  );
  const addBatch = db.prepare(
    "INSERT INTO domain_batches (lot, product_id, status, window_start, window_end, harvest_at, opened_at, closed_at) VALUES (?, 'tomato', 'closed', ?, ?, ?, ?, ?)",
  );
  const link = db.prepare(
    "INSERT OR IGNORE INTO domain_batch_incoming (batch_id, incoming_id) VALUES (?, ?)",
  );
  const addPackage = db.prepare(
    "INSERT INTO domain_packages (serial, batch_id, seq, net_kg, source, weighed_at, state) VALUES (?, ?, ?, ?, 'scale', ?, 'accepted')",
  );
  const addShipment = db.prepare(
    "INSERT INTO shipments (number, buyer_id, shipped_at, actor_name, actor_role, created_at) VALUES (?, ?, ?, 'kiosk', 'worker', ?)",
  );
  const addShipped = db.prepare(
    "INSERT INTO shipment_packages (shipment_id, package_id, batch_id, net_kg) VALUES (?, ?, ?, ?)",
  );
  db.transaction(() => {
    for (let b = 1; b <= BUYERS; b++)
      addBuyer.run(`购货方${b}`, `138${String(b).padStart(8, "0")}`, `市场${b % 12}`);
  })();
  for (let day = 0; day < DAYS; day++) {
    db.transaction(() => {
      const at = START + day * DAY;
      const ymd = new Date(at).toISOString().slice(2, 10).replaceAll("-", "");
      const incomingIds: number[] = [];
      for (let i = 0; i < INCOMING_PER_DAY; i++) {
        const code = `SUP-${ymd}-${i}`;
        supplierLots.push(code);
        incomingIds.push(Number(addIncoming.run(code, `供应商${i}`, at).lastInsertRowid));
      }
      const dayPackages: Array<{ id: number; batchId: number; kg: number }> = [];
      for (let n = 1; n <= BATCHES_PER_DAY; n++) {
        const lot = `ST01-${ymd}-${String(n).padStart(4, "0")}-7`;
        lots.push(lot);
        const batchId = Number(
          addBatch.run(lot, at - 30 * DAY, at, at, at, at + 8 * 3_600_000).lastInsertRowid,
        );
        // Each batch from one or two of the day's supplier lots (so a supplier lot feeds 1-3 batches).
        link.run(batchId, incomingIds[n % INCOMING_PER_DAY] as number);
        if (random() < 0.5) link.run(batchId, incomingIds[(n + 1) % INCOMING_PER_DAY] as number);
        for (let seq = 1; seq <= PACKAGES_PER_BATCH; seq++) {
          const kg = Math.round((4.5 + random()) * 1000) / 1000;
          const id = Number(
            addPackage.run(`${lot}-${String(seq).padStart(3, "0")}`, batchId, seq, kg, at).lastInsertRowid,
          );
          dayPackages.push({ id, batchId, kg });
          packages++;
        }
      }
      // The day's packages leave in 20 shipments, in packing order (a shipment spans batches).
      const per = Math.ceil(dayPackages.length / SHIPMENTS_PER_DAY);
      for (let s = 0; s < SHIPMENTS_PER_DAY; s++) {
        shipments++;
        const buyer = 1 + Math.floor(random() * BUYERS);
        const id = Number(
          addShipment.run(`ST01-CK${String(shipments).padStart(6, "0")}`, buyer, at + DAY / 2, now)
            .lastInsertRowid,
        );
        for (const p of dayPackages.slice(s * per, (s + 1) * per)) addShipped.run(id, p.id, p.batchId, p.kg);
      }
    })();
  }
  db.pragma("synchronous = FULL");
  db.exec("ANALYZE");
  return { lots, supplierLots, packages, shipments };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] as number;
}

function measure(recall: Recall, queries: RecallQuery[]): { p50: number; p99: number; buyers: number } {
  const times: number[] = [];
  let buyers = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const report = recall.run(q);
    times.push(performance.now() - t0);
    buyers += report.buyers.length;
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), buyers: buyers / queries.length };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-recall-"));
  try {
    const db = openDatabase(dir);
    const t0 = performance.now();
    const g = generate(db);
    console.log(
      `generated ${DAYS} days: ${g.lots.length} batches, ${g.packages.toLocaleString("en")} packages, ${g.shipments} shipments, ${g.supplierLots.length} supplier lots in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const recall = new Recall(db);
    const pick = rng(5);
    const incoming = Array.from({ length: 200 }, () => ({
      incoming: g.supplierLots[Math.floor(pick() * g.supplierLots.length)] as string,
    }));
    const batches = Array.from({ length: 200 }, () => ({
      batch: g.lots[Math.floor(pick() * g.lots.length)] as string,
    }));
    measure(recall, incoming.slice(0, 20)); // warm the page cache
    const show = (what: string, m: ReturnType<typeof measure>) =>
      console.log(
        `${what}: p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms (${m.buyers.toFixed(1)} buyers each)`,
      );
    const byIncoming = measure(recall, incoming);
    const byBatch = measure(recall, batches);
    show("recall --incoming (200 queries)", byIncoming);
    show("recall --batch    (200 queries)", byBatch);
    db.exec(
      "DROP INDEX shipment_packages_batch; DROP INDEX shipments_batch_incoming_by_lot; DROP INDEX shipments_incoming_raw_code; ANALYZE",
    );
    show(
      "without the recall indexes, --incoming (20 queries)",
      measure(new Recall(db), incoming.slice(0, 20)),
    );
    console.log(`goal: p99 < 50 ms; ${Math.max(byIncoming.p99, byBatch.p99) < 50 ? "met" : "NOT met"}`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
