/**
 * A second process issuing records into the same data directory (run with tsx): opens
 * `count` batches, weighs a package into each, closes it and issues its certificate, then
 * prints the lots and certificate numbers as one JSON line.
 * Usage: tsx test/helpers/domain-issuer.ts DATA_DIR COUNT
 * It prints "ready" once its database is open and starts issuing when a line arrives on stdin,
 * so a test can release several issuers at the same moment.
 */
import { once } from "node:events";
import { DAY, MAY_1, openDomainFixture } from "./domain-fixture.js";

const [dir, countText] = process.argv.slice(2);
if (!dir || !countText) throw new Error("usage: domain-issuer DATA_DIR COUNT");
const f = openDomainFixture({ dir, now: MAY_1 + 10 * DAY });
process.stdout.write("ready\n");
await once(process.stdin, "data");
const startedAt = Date.now();
const lots: string[] = [];
const numbers: string[] = [];
for (let i = 0; i < Number(countText); i++) {
  const b = f.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: MAY_1 });
  f.domain.packages.add(b.lot, { netKg: 1 + i, weighedAt: MAY_1 + 10 * DAY });
  f.domain.batches.close(b.lot, { harvestAt: MAY_1 + 10 * DAY });
  lots.push(b.lot);
  numbers.push(f.domain.certificates.issue({ lot: b.lot, basis: ["quality_control"] }).certificate.number);
}
f.close();
process.stdout.write(`${JSON.stringify({ lots, numbers, startedAt, endedAt: Date.now() })}\n`);
process.stdin.destroy();
