import { describe, expect, it } from "vitest";
import { systemClock } from "../../../edge/core/clock.js";
import { GroupCommitter } from "../../../edge/intake/group-committer.js";
import type { StoreWriter } from "../../../edge/intake/store-writer.js";
import type { WriteItem, WriteResults } from "../../../edge/intake/write-item.js";
import { FakeClock } from "../../helpers/fake-clock.js";

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

  describe("commit policy by what waits on it", () => {
    const policy = { maxItems: 1000, maxDelayMs: 0, readingWindowMs: 1000, readingBatch: 200 };
    const tick = () => new Promise((r) => setImmediate(r));

    it("readings wait for the window, then one commit serves them all", async () => {
      const writer = new GatedWriter();
      const clock = new FakeClock();
      const gc = new GroupCommitter(writer, policy, clock);
      let acked = 0;
      for (let i = 0; i < 150; i++) gc.submit(item(i), (err) => !err && acked++, "window");
      expect(writer.groups).toEqual([]);
      const [timer] = clock.pending(0);
      expect(timer?.ms).toBe(1000);
      clock.fire(timer as NonNullable<typeof timer>);
      expect(writer.groups).toEqual([150]);
      expect(acked).toBe(0); // the PUBACK still follows the commit
      writer.finishOne();
      await tick();
      expect(acked).toBe(150);
    });

    it("an item given as a function is made when its group forms, in its place in the group", () => {
      const writer = new GatedWriter();
      const written: WriteItem[][] = [];
      const write = writer.write.bind(writer);
      writer.write = (items) => {
        written.push(items);
        return write(items);
      };
      const clock = new FakeClock();
      const gc = new GroupCommitter(writer, policy, clock);
      const made: number[] = [];
      gc.submit(item(0), () => {}, "window");
      for (const n of [1, 2]) {
        gc.submit(
          () => {
            made.push(n);
            return item(n);
          },
          () => {},
          "window",
        );
      }
      gc.submit(item(3), () => {}, "window");
      expect(made).toEqual([]);
      const [timer] = clock.pending(0);
      clock.fire(timer as NonNullable<typeof timer>);
      expect(made).toEqual([1, 2]);
      expect(written).toEqual([[item(0), item(1), item(2), item(3)]]);
    });

    it("a weight commits at once on its own; the waiting readings keep their window", async () => {
      const writer = new GatedWriter();
      const clock = new FakeClock();
      const gc = new GroupCommitter(writer, policy, clock);
      const acked: string[] = [];
      for (let i = 0; i < 10; i++) gc.submit(item(i), (err) => !err && acked.push("reading"), "window");
      expect(writer.groups).toEqual([]);
      gc.submit(item(99), (err) => !err && acked.push("weight"), "now");
      expect(writer.groups).toEqual([1]);
      writer.finishOne();
      await tick();
      expect(acked).toEqual(["weight"]);
      expect(writer.groups).toEqual([1]);
      const [timer] = clock.pending(0);
      expect(timer?.ms).toBe(1000);
      clock.fire(timer as NonNullable<typeof timer>);
      expect(writer.groups).toEqual([1, 10]);
    });

    it("a weight arriving during a write goes right after it; readings arriving then wait", async () => {
      const writer = new GatedWriter();
      const clock = new FakeClock();
      const gc = new GroupCommitter(writer, policy, clock);
      gc.submit(item(0), () => {}, "now");
      gc.submit(item(1), () => {}, "window");
      gc.submit(item(2), () => {}, "now");
      gc.submit(item(3), () => {}, "now");
      expect(writer.groups).toEqual([1]);
      writer.finishOne();
      await tick();
      expect(writer.groups).toEqual([1, 2]);
      gc.submit(item(4), () => {}, "window");
      writer.finishOne();
      await tick();
      expect(writer.groups).toEqual([1, 2]);
      const [timer] = clock.pending(0);
      clock.fire(timer as NonNullable<typeof timer>);
      expect(writer.groups).toEqual([1, 2, 2]);
    });

    it("readings that come due go with the next group, whatever its trigger", async () => {
      const writer = new GatedWriter();
      let now = 1_000_000;
      const clock = new FakeClock();
      clock.now = () => now;
      const gc = new GroupCommitter(writer, policy, clock);
      gc.submit(item(0), () => {}, "window");
      gc.submit(item(1), () => {}, "now");
      expect(writer.groups).toEqual([1]);
      now += 1000; // the reading's window ends while the weight is being written
      writer.finishOne();
      await tick();
      expect(writer.groups).toEqual([1, 1]);
    });

    it("readings due soon share one commit a tenth of a window later, readings keep their window", async () => {
      const writer = new GatedWriter();
      const clock = new FakeClock();
      const gc = new GroupCommitter(writer, policy, clock);
      for (let i = 0; i < 5; i++) gc.submit(item(i), () => {}, "window");
      for (let i = 5; i < 8; i++) gc.submit(item(i), () => {}, "soon");
      expect(writer.groups).toEqual([]);
      const [timer] = clock.pending(0);
      expect(timer?.ms).toBe(100);
      clock.fire(timer as NonNullable<typeof timer>);
      expect(writer.groups).toEqual([3]);
      writer.finishOne();
      await tick();
      const [window] = clock.pending(0);
      expect(window?.ms).toBe(900); // their window counts from their arrival
      clock.fire(window as NonNullable<typeof window>);
      expect(writer.groups).toEqual([3, 5]);
    });

    it("readings due soon ride along with a weight's commit instead of one of their own", () => {
      const writer = new GatedWriter();
      const clock = new FakeClock();
      const gc = new GroupCommitter(writer, policy, clock);
      gc.submit(item(0), () => {}, "window");
      gc.submit(item(1), () => {}, "soon");
      gc.submit(item(2), () => {}, "soon");
      gc.submit(item(3), () => {}, "now");
      expect(writer.groups).toEqual([3]);
    });

    it("a full batch of readings commits without waiting for the window (saturation)", () => {
      const writer = new GatedWriter();
      const clock = new FakeClock();
      const gc = new GroupCommitter(writer, policy, clock);
      for (let i = 0; i < 200; i++) gc.submit(item(i), () => {}, "window");
      expect(writer.groups).toEqual([200]);
    });

    it("after a full group, readings that arrived during its write go at once (saturation)", async () => {
      const writer = new GatedWriter();
      const clock = new FakeClock();
      const gc = new GroupCommitter(writer, policy, clock);
      for (let i = 0; i < 200; i++) gc.submit(item(i), () => {}, "window");
      for (let i = 0; i < 30; i++) gc.submit(item(i), () => {}, "window");
      expect(writer.groups).toEqual([200]);
      writer.finishOne();
      await tick();
      expect(writer.groups).toEqual([200, 30]);
    });

    it("a wall clock set back while readings wait does not hold them for the jump", () => {
      const writer = new GatedWriter();
      let now = 5_000_000_000;
      const clock = new FakeClock();
      clock.now = () => now;
      const gc = new GroupCommitter(writer, policy, clock);
      gc.submit(item(0), () => {}, "window");
      now -= 2 * 86_400_000;
      gc.submit(item(1), () => {}, "window");
      for (const t of clock.pending(0)) expect(t.ms).toBeLessThanOrEqual(1000);
    });
  });
});
