import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../edge/core/logger.js";
import { domainProjections } from "../../../edge/domain/projections/domain-projections.js";
import type { AcceptedMessage, Refusal } from "../../../edge/intake/decode.js";
import { Projector } from "../../../edge/intake/projector.js";
import {
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";

let f: DomainFixture;
afterEach(() => f?.close());

function store(fx: DomainFixture, deviceId: string, kind: string, msgId: string, body: object): void {
  fx.db
    .prepare(
      "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .run(deviceId, kind, msgId, MAY_1, MAY_1, JSON.stringify(body));
}

describe("projections after a crash", () => {
  it("derive each record once when stored messages are replayed at start, however often", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const refused: Refusal[] = [];
    const projector = new Projector(f.db, silentLogger(), (_m: AcceptedMessage, _id: number, r: Refusal) =>
      refused.push(r),
    );
    for (const p of domainProjections(f.domain, "ST01")) projector.register(p);
    const batch = f.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: 0 });
    f.domain.scales.select("scale-1", batch.lot);
    // Stored by the writer, then the station died before projecting them.
    store(f, "sprayer-1", "input", "a", {
      site: "gh1",
      kind: "pesticide",
      name: "百菌清",
      regNo: "PD20080005",
      amount: 1,
      unit: "kg",
      intervalDays: 7,
      operator: "张三",
    });
    store(f, "scale-1", "weight", "b", { net: 2.5, unit: "kg", stable: true });
    store(f, "scanner-1", "scan", "c", { code: "12345678901234567890" });
    store(f, "tester-1", "test", "d", { sample: "番茄", method: "GB/T 5009.199-2003", inhibition: 10 });
    store(f, "sprayer-1", "input", "e", {
      site: "nowhere",
      kind: "feed",
      name: "x",
      amount: 1,
      unit: "kg",
      intervalDays: 0,
      operator: "a",
    });

    expect(projector.catchUp()).toBe(5);
    expect(projector.catchUp()).toBe(0);
    // Even with every cursor lost, a replay finds the records by message id.
    f.db.prepare("UPDATE projection_cursors SET last_message_id = 0").run();
    projector.catchUp();

    const n = (table: string) =>
      (f.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    // A stored weight is a weighing: replayed or not, it makes no package (the packing line does).
    expect([n("domain_inputs"), n("domain_packages"), n("domain_incoming_lots"), n("domain_tests")]).toEqual([
      1, 0, 1, 1,
    ]);
    expect(n("outbox WHERE stream = 'packages'")).toBe(0);
    expect(refused.map((r) => r.code)).toEqual(["DOMAIN_UNKNOWN_SITE", "DOMAIN_UNKNOWN_SITE"]);
  });
});
