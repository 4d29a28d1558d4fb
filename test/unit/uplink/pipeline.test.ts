import { afterEach, describe, expect, it } from "vitest";
import { DeliveryState } from "../../../edge/uplink/delivery-state.js";
import { SinkPipeline } from "../../../edge/uplink/pipeline.js";
import { stationFormat } from "../../../edge/uplink/record-formats.js";
import { queueRetries } from "../../../edge/uplink/retry.js";
import { insertDomainRecords, insertReadings, tempStationDb } from "../../helpers/uplink-fixtures.js";

describe("sink pipeline", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("moves a feed's cursor only over a contiguous run of acknowledged records", () => {
    const t = tempStationDb();
    cleanup = t.cleanup;
    const ids = insertReadings(t.db, "sensor-1", 5);
    const state = new DeliveryState(t.db, "up", "ST01", stationFormat("ST01"));
    const pipeline = new SinkPipeline(state, () => 0);
    const taken = pipeline.take(10);
    expect(taken.map((r) => r.sourceId)).toEqual(ids);
    pipeline.delivered(taken[1]!);
    pipeline.delivered(taken[2]!);
    expect(state.cursor("messages")).toBe(0);
    pipeline.delivered(taken[0]!);
    expect(state.cursor("messages")).toBe(ids[2]);
    state.flush(1);
    // A new process resumes after the persisted cursor: records 4 and 5 are sent again.
    const again = new SinkPipeline(
      new DeliveryState(t.db, "up", "ST01", stationFormat("ST01")),
      () => 0,
    ).take(10);
    expect(again.map((r) => r.sourceId)).toEqual(ids.slice(3));
  });

  it("keeps each sink's state apart and takes both feeds in turns", () => {
    const t = tempStationDb();
    cleanup = t.cleanup;
    insertReadings(t.db, "sensor-1", 200);
    insertDomainRecords(t.db, "batches", "batch", 3);
    const a = new SinkPipeline(new DeliveryState(t.db, "a", "ST01", stationFormat("ST01")), () => 0);
    const first = a.take(100);
    expect(first.some((r) => r.feed === "outbox")).toBe(true);
    for (const r of first) a.delivered(r);
    const b = new SinkPipeline(new DeliveryState(t.db, "b", "ST01", stationFormat("ST01")), () => 0);
    expect(b.take(1)[0]?.sourceId).toBe(1);
  });

  it("keeps a refused record with its reason, goes on, and sends it again after uplink retry", () => {
    const t = tempStationDb();
    cleanup = t.cleanup;
    insertDomainRecords(t.db, "tests", "test", 3);
    let now = 0;
    const state = new DeliveryState(t.db, "up", "ST01", stationFormat("ST01"));
    const pipeline = new SinkPipeline(state, () => now);
    const [r0, r1, r2] = pipeline.take(10);
    pipeline.delivered(r0!);
    pipeline.refused(r1!, "HTTP 422 bad unit");
    pipeline.delivered(r2!);
    expect(state.cursor("outbox")).toBe(3);
    const rows = t.db.prepare("SELECT record_id, state, reason FROM uplink_failures").all();
    expect(rows).toEqual([{ record_id: "test:1", state: "failed", reason: "HTTP 422 bad unit" }]);
    expect(pipeline.take(10)).toEqual([]);
    expect(queueRetries(t.db, "up")).toBe(1);
    now += 5000;
    const retried = pipeline.take(10);
    expect(retried.map((r) => r.recordId)).toEqual(["test:1"]);
    pipeline.delivered(retried[0]!);
    expect(t.db.prepare("SELECT count(*) AS n FROM uplink_failures").get()).toEqual({ n: 0 });
  });
});
