import { describe, expect, it } from "vitest";
import type { RefusalNotice } from "../../../broker/intake-port.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { GroupCommitter } from "../../../edge/intake/group-committer.js";
import { Intake, type Outcome } from "../../../edge/intake/intake.js";
import type { StoreWriter } from "../../../edge/intake/store-writer.js";
import type { WriteItem, WriteResults } from "../../../edge/intake/write-item.js";
import { FakeClock } from "../../helpers/fake-clock.js";

/** Keeps every group it is given and commits it at once, numbering rows from 1. */
class KeepingWriter implements StoreWriter {
  groups: WriteItem[][] = [];
  private next = 1;
  write(items: WriteItem[]): Promise<WriteResults> {
    this.groups.push(items);
    return Promise.resolve(items.map(() => this.next++));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const WINDOW_MS = 1000;
const tick = () => new Promise((r) => setImmediate(r));

function station() {
  const clock = new FakeClock();
  const writer = new KeepingWriter();
  const committer = new GroupCommitter(
    writer,
    { maxItems: 1000, maxDelayMs: 0, readingWindowMs: WINDOW_MS, readingBatch: 200 },
    clock,
  );
  const intake = new Intake(
    committer,
    { maxPayloadBytes: 4096, readingWindowMs: WINDOW_MS },
    clock,
    silentLogger(),
  );
  const refusals: RefusalNotice[] = [];
  intake.on("refused", (notice) => refusals.push(notice));
  const outcomes: Array<Outcome | Error> = [];
  const send = (deviceId: string, leaf: string, body: string) =>
    intake.receive(deviceId, leaf, `trace/v1/dev/${deviceId}/${leaf}`, Buffer.from(body), (err, outcome) =>
      outcomes.push(err ?? (outcome as Outcome)),
    );
  const fireWindow = async () => {
    const [timer] = clock.pending(0);
    if (!timer) throw new Error("no commit timer armed");
    await clock.advance(timer.at - clock.now());
    await tick();
  };
  return { clock, writer, committer, intake, refusals, outcomes, send, fireWindow };
}

describe("readings decoded when their group is formed", () => {
  it("a good reading, a broken one and a good one: one commit, arrival order, the refusal in it", async () => {
    const s = station();
    const arrival = s.clock.now();
    s.send("probe-1", "reading", JSON.stringify({ msgId: "a", values: { air_temp: 21.5 } }));
    await s.clock.advance(300);
    s.send("probe-2", "reading", '{"msgId":"b","values":{"air_temp": 2');
    await s.clock.advance(300);
    s.send("probe-3", "reading", JSON.stringify({ msgId: "c", values: { air_rh: 610 } }));
    expect(s.writer.groups).toEqual([]);
    expect(s.outcomes).toEqual([]);

    await s.fireWindow();
    expect(s.writer.groups).toHaveLength(1);
    const [group] = s.writer.groups as [WriteItem[]];
    expect(group.map((i) => i.t)).toEqual(["msg", "dead", "dead"]);
    const [first, broken, outOfRange] = group as [WriteItem, WriteItem, WriteItem];
    // Decoded at the group, judged as on arrival: a reading without ts takes its arrival time.
    expect(first.t === "msg" && first.m.ts).toBe(arrival);
    expect(first.t === "msg" && first.m.receivedAt).toBe(arrival);
    expect(broken.t === "dead" && [broken.code, broken.receivedAt]).toEqual([
      "INTAKE_BAD_JSON",
      arrival + 300,
    ]);
    expect(outOfRange.t === "dead" && outOfRange.code).toBe("INTAKE_OUT_OF_RANGE");

    expect(s.outcomes.map((o) => (o instanceof Error ? o.message : o.status))).toEqual([
      "stored",
      "refused",
      "refused",
    ]);
    // The device is told after its dead letter is stored, with the msgId it sent.
    expect(s.refusals.map((r) => [r.deviceId, r.code, r.msgId])).toEqual([
      ["probe-2", "INTAKE_BAD_JSON", "b"],
      ["probe-3", "INTAKE_OUT_OF_RANGE", "c"],
    ]);
    expect(s.intake.refused.get("INTAKE_BAD_JSON")).toBe(1);
    expect(s.intake.accepted.get("reading")).toBe(1);
  });

  it("a reading whose window ran past a device clock check is still judged at its arrival", async () => {
    const s = station();
    // 24 h ahead of arrival is the limit (edge/intake/time.ts); the commit comes 1 s later.
    const ts = new Date(s.clock.now() + 24 * 3600 * 1000 + 500).toISOString();
    s.send("probe-1", "reading", JSON.stringify({ msgId: "ahead", ts, values: { air_temp: 20 } }));
    await s.fireWindow();
    expect(s.refusals.map((r) => r.code)).toEqual(["INTAKE_BAD_TIME"]);
  });

  it("a weight is decoded and committed at once while readings wait", async () => {
    const s = station();
    s.send("probe-1", "reading", JSON.stringify({ values: { air_temp: 21 } }));
    s.send("scale-1", "weight", JSON.stringify({ msgId: "w1", net: 2.5, unit: "kg", stable: true }));
    await tick();
    expect(s.writer.groups.map((g) => g.map((i) => i.t))).toEqual([["msg"]]);
    expect(s.outcomes).toHaveLength(1);
    await s.fireWindow();
    expect(s.writer.groups).toHaveLength(2);
    expect(s.outcomes).toHaveLength(2);
  });

  it("a reading arriving after close is refused for the device to resend, nothing decoded", async () => {
    const s = station();
    await s.committer.close();
    s.send("probe-1", "reading", JSON.stringify({ values: { air_temp: 21 } }));
    expect(s.outcomes.map((o) => (o instanceof Error ? o.message : o.status))).toEqual(["intake is closed"]);
    expect(s.writer.groups).toEqual([]);
  });
});
