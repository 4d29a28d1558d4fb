import { describe, expect, it } from "vitest";
import type { Clock, TimerHandle } from "../../../edge/core/clock.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { SystemdNotifier } from "../../../edge/ops/systemd-notifier.js";

/** A clock whose timers fire when the test says so. */
function manualClock() {
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const clock: Clock = {
    now: () => 0,
    setTimeout(fn, ms) {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t as TimerHandle;
    },
    clearTimeout(handle) {
      (handle as { cleared: boolean }).cleared = true;
    },
  };
  return { clock, timers };
}

describe("SystemdNotifier", () => {
  it("pings at half WATCHDOG_USEC after READY, and stops pinging on STOPPING", async () => {
    const calls: string[][] = [];
    const { clock, timers } = manualClock();
    const n = new SystemdNotifier(
      { NOTIFY_SOCKET: "/run/systemd/notify", WATCHDOG_USEC: "30000000" },
      clock,
      silentLogger(),
      async (args) => {
        calls.push([...args]);
      },
    );
    expect(n.watchdogIntervalMs).toBe(15_000);
    await n.ready("up");
    expect(calls[0]).toEqual(["--ready", "--status=up"]);
    expect(timers.at(-1)?.ms).toBe(15_000);
    timers.at(-1)?.fn();
    await new Promise((r) => setImmediate(r));
    expect(calls.at(-1)).toEqual(["WATCHDOG=1"]);
    await n.stopping();
    expect(calls.at(-1)).toEqual(["STOPPING=1"]);
    expect(timers.at(-1)?.cleared).toBe(true);
  });

  it("is silent without NOTIFY_SOCKET, and no watchdog for another pid", async () => {
    const calls: string[][] = [];
    const run = async (args: readonly string[]) => {
      calls.push([...args]);
    };
    const { clock } = manualClock();
    const off = new SystemdNotifier({ WATCHDOG_USEC: "1000000" }, clock, silentLogger(), run);
    await off.ready("x");
    await off.stopping();
    expect(calls).toEqual([]);
    const other = new SystemdNotifier(
      { NOTIFY_SOCKET: "@sock", WATCHDOG_USEC: "1000000", WATCHDOG_PID: "1" },
      clock,
      silentLogger(),
      run,
      4242,
    );
    expect(other.watchdogIntervalMs).toBeUndefined();
  });

  it("a failing systemd-notify is logged, not thrown", async () => {
    const { clock } = manualClock();
    const n = new SystemdNotifier({ NOTIFY_SOCKET: "/nonexistent" }, clock, silentLogger(), async () => {
      throw new Error("no such socket");
    });
    await expect(n.ready("x")).resolves.toBeUndefined();
  });
});
