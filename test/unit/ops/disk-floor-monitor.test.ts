import { describe, expect, it } from "vitest";
import { systemClock } from "../../../edge/core/clock.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { OpsAlarms } from "../../../edge/ops/alarms.js";
import { DiskFloorMonitor } from "../../../edge/ops/disk-floor-monitor.js";
import { MB } from "../../../edge/ops/disk-space.js";

describe("DiskFloorMonitor", () => {
  it("pauses under the floor, resumes only above floor + margin (no flapping at the edge)", async () => {
    let free = 500 * MB;
    const events: string[] = [];
    const alarms = new OpsAlarms();
    const monitor = new DiskFloorMonitor(
      "/data",
      { floorBytes: 200 * MB, resumeMarginBytes: 50 * MB, intervalMs: 1000 },
      {
        intake: {
          pause: (r) => events.push(`pause ${r.split(":")[0]}`),
          resume: () => events.push("resume"),
        },
        alarms,
        probe: async () => ({ freeBytes: free, totalBytes: 1000 * MB }),
        clock: systemClock,
        log: silentLogger(),
      },
    );
    await monitor.check();
    free = 199 * MB;
    await monitor.check();
    await monitor.check();
    expect(events).toEqual(["pause OPS_DISK_LOW"]);
    expect(alarms.isActive("OPS_DISK_LOW")).toBe(true);
    free = 220 * MB; // above the floor, under floor + margin: still paused
    await monitor.check();
    expect(events).toEqual(["pause OPS_DISK_LOW"]);
    free = 260 * MB;
    await monitor.check();
    expect(events).toEqual(["pause OPS_DISK_LOW", "resume"]);
    expect(alarms.list()).toEqual([]);
  });

  it("a failing probe changes nothing", async () => {
    const events: string[] = [];
    const monitor = new DiskFloorMonitor(
      "/data",
      { floorBytes: MB, resumeMarginBytes: 0, intervalMs: 1000 },
      {
        intake: { pause: () => events.push("pause"), resume: () => events.push("resume") },
        alarms: new OpsAlarms(),
        probe: async () => {
          throw new Error("EIO");
        },
        clock: systemClock,
        log: silentLogger(),
      },
    );
    await monitor.check();
    expect(events).toEqual([]);
  });
});
