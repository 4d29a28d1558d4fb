import { describe, expect, it } from "vitest";
import { systemClock } from "../../../edge/core/clock.js";
import { GroupCommitter } from "../../../edge/intake/group-committer.js";
import type { StoreWriter } from "../../../edge/intake/store-writer.js";
import type { WriteItem, WriteResults } from "../../../edge/intake/write-item.js";

/** A writer that records group sizes and lets the test decide when a write finishes. */
class GatedWriter implements StoreWriter {
  groups: number[] = [];
  private release: Array<() => void> = [];
  fail = false;
  write(items: WriteItem[]): Promise<WriteResults> {
    this.groups.push(items.length);
    return new Promise((resolve, reject) => {
      this.release.push(() =>
        this.fail ? reject(new Error("disk I/O error")) : resolve(items.map((_, i) => i + 1)),
      );
    });
  }
  finishOne(): void {
    this.release.shift()?.();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const item = (n: number): WriteItem => ({ t: "presence", deviceId: `d${n}`, online: true, at: n });

describe("group commit", () => {
  it("acknowledges nothing before the write finishes, then everything in the group", async () => {
    const writer = new GatedWriter();
    const gc = new GroupCommitter(writer, { maxItems: 3, maxDelayMs: 1000 }, systemClock);
    const acked: number[] = [];
    for (let i = 0; i < 3; i++) gc.submit(item(i), (err, r) => !err && acked.push(r));
    expect(writer.groups).toEqual([3]);
    expect(acked).toEqual([]);
    writer.finishOne();
    await new Promise((r) => setImmediate(r));
    expect(acked).toEqual([1, 2, 3]);
  });

  it("fills the next group while one is being written", async () => {
    const writer = new GatedWriter();
    const gc = new GroupCommitter(writer, { maxItems: 100, maxDelayMs: 0 }, systemClock);
    gc.submit(item(0), () => {});
    for (let i = 1; i <= 50; i++) gc.submit(item(i), () => {});
    expect(writer.groups).toEqual([1]);
    writer.finishOne();
    await new Promise((r) => setImmediate(r));
    expect(writer.groups).toEqual([1, 50]);
  });

  it("fails every item of a failed group so the devices resend", async () => {
    const writer = new GatedWriter();
    writer.fail = true;
    const gc = new GroupCommitter(writer, { maxItems: 2, maxDelayMs: 0 }, systemClock);
    const errors: string[] = [];
    gc.submit(item(0), (err) => err && errors.push(err.message));
    writer.finishOne();
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual(["disk I/O error"]);
  });

  it("writes what is pending on close, and refuses what comes after", async () => {
    const writer = new GatedWriter();
    const gc = new GroupCommitter(writer, { maxItems: 10, maxDelayMs: 10_000 }, systemClock);
    let acked = 0;
    gc.submit(item(0), (err) => !err && acked++);
    const closing = gc.close();
    writer.finishOne();
    await closing;
    expect(acked).toBe(1);
    let refused = false;
    gc.submit(item(1), (err) => {
      refused = err !== null;
    });
    expect(refused).toBe(true);
  });
});
