import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnCli } from "../../helpers/cli.js";
import { fakeNotifySocket } from "../../helpers/ops-notify-socket.js";

describe("readiness and watchdog under a (fake) systemd notify socket", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("sends READY=1 once started, WATCHDOG=1 at half WATCHDOG_USEC, STOPPING=1 on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ops-notify-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const socket = await fakeNotifySocket(dir);
    cleanups.push(() => socket.close());
    const station = spawnCli(["start", "--data", join(dir, "data"), "--mqtt-port", "0", "--http-port", "0"], {
      env: { NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: "600000", WATCHDOG_PID: "" },
    });
    cleanups.push(() => station.stop());

    await socket.waitFor("READY=1");
    // READY comes after the broker listens: its status names the bound port.
    const status = await socket.waitFor(/^STATUS=MQTT \d+/);
    expect(Number(/MQTT (\d+)/.exec(status)?.[1])).toBeGreaterThan(0);
    // Pings repeat (every 300 ms here); wait for a second one rather than a fixed time.
    await socket.waitFor("WATCHDOG=1");
    const deadline = Date.now() + 30_000;
    while (socket.messages.filter((m) => m === "WATCHDOG=1").length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(socket.messages.filter((m) => m === "WATCHDOG=1").length).toBeGreaterThanOrEqual(2);
    expect(socket.messages.indexOf("READY=1")).toBeLessThan(socket.messages.indexOf("WATCHDOG=1"));

    expect(await station.stop()).toBe(0);
    expect(socket.messages).toContain("STOPPING=1");
  });

  it("sends nothing without NOTIFY_SOCKET and still starts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ops-notify-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const station = spawnCli(["start", "--data", join(dir, "data"), "--mqtt-port", "0", "--http-port", "0"], {
      env: { NOTIFY_SOCKET: "" },
    });
    cleanups.push(() => station.stop());
    const deadline = Date.now() + 30_000;
    while (!/MQTT \d+/.test(station.stderr()) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(station.stderr()).toMatch(/MQTT \d+/);
    expect(station.stderr()).not.toContain("systemd-notify failed");
    expect(await station.stop()).toBe(0);
  });
});
