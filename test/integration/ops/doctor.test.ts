import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Clock, systemClock } from "../../../edge/core/clock.js";
import { checkPrinter, checkSerial, checkUpstream } from "../../../edge/ops/doctor/device-checks.js";
import { runDoctor } from "../../../edge/ops/doctor/run-doctor.js";
import { runCli } from "../../helpers/cli.js";
import { fill, mountTmpfs } from "../../helpers/ops-tmpfs.js";
import { removeDir, startTestStation, tempDir } from "../../helpers/station.js";
import { freePort } from "../../helpers/uplink-upstream.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const settings = { timeoutMs: 2000, stationRunning: false };

/** A config that binds no fixed port, so the port checks do not depend on this machine. */
function writeConfig(dir: string, extra = ""): string {
  const file = join(dir, "config.yaml");
  writeFileSync(file, `mqtt:\n  port: 0\nhttp:\n  port: 0\n${extra}`);
  return file;
}

async function socatPty(dir: string): Promise<{ path: string; child: ChildProcess }> {
  const link = join(dir, "pty");
  const child = spawn("socat", [`pty,raw,echo=0,link=${link}`, `pty,raw,echo=0,link=${link}-peer`], {
    stdio: "ignore",
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return { path: readlinkSync(link), child };
    } catch {
      if (Date.now() > deadline) throw new Error("socat made no pty");
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A raw-TCP printer (port 9100 style) that answers every status query with `reply`. */
async function fakePrinter(...reply: number[]): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.on("data", () => socket.write(Buffer.from(reply)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : 0 };
}

async function closedPort(): Promise<number> {
  const { server, port } = await fakePrinter();
  await new Promise((r) => server.close(r));
  return port;
}

describe("doctor: serial devices", () => {
  it("fails a configured serial path that is missing, passes one that exists (socat pty)", async () => {
    const dir = tempDir("doctor-serial");
    cleanups.push(() => removeDir(dir));
    const missing = await checkSerial(
      { at: "/drivers/scales/0/serial/path", path: "/dev/trace/scale-missing" },
      settings,
    );
    expect(missing.status).toBe("fail");
    expect(missing.code).toBe("OPS_SERIAL_MISSING");
    expect(missing.remedy?.zh).toContain("udev");

    const pty = await socatPty(dir);
    cleanups.push(() => pty.child.kill());
    const present = await checkSerial({ at: "/drivers/scales/0/serial/path", path: pty.path }, settings);
    expect(present.status).toBe("ok");
  });
});

describe("doctor: printers and upstream", () => {
  it("fails an unreachable printer", async () => {
    const port = await closedPort();
    const result = await checkPrinter({ at: "/printing/printers/0", host: "127.0.0.1", port }, settings);
    expect(result.status).toBe("fail");
    expect(result.code).toBe("OPS_PRINTER_UNREACHABLE");
  });

  it("reads the paper state with the print queue's protocols: ESC/POS DLE EOT 1+4, TSPL ESC ! ?", async () => {
    const out = await fakePrinter(0x12, 0x72); // ESC/POS: printer fine, paper sensor bits 5–6 = end
    const ok = await fakePrinter(0x12, 0x12); // ESC/POS: fixed bits only
    const tsplOut = await fakePrinter(0x04); // TSPL: bit 2 = out of paper
    for (const p of [out, ok, tsplOut]) cleanups.push(() => p.server.close());
    const at = "/printing/printers/0";
    const host = "127.0.0.1";
    expect((await checkPrinter({ at, host, port: out.port, language: "escpos" }, settings)).code).toBe(
      "PRINTER_PAPER_OUT",
    );
    expect((await checkPrinter({ at, host, port: ok.port, language: "escpos" }, settings)).status).toBe("ok");
    expect((await checkPrinter({ at, host, port: tsplOut.port, language: "tspl" }, settings)).code).toBe(
      "PRINTER_PAPER_OUT",
    );
  });

  it("warns (does not fail) when the upstream is unreachable: the outbox waits", async () => {
    const port = await closedPort();
    const result = await checkUpstream(
      { at: "/uplink/sinks/0/url", url: `mqtt://127.0.0.1:${port}`, host: "127.0.0.1", port },
      settings,
    );
    expect(result.status).toBe("warn");
    expect(result.code).toBe("OPS_UPSTREAM_UNREACHABLE");
  });
});

describe("doctor: the whole report", () => {
  it("reports an invalid config with every problem and exits 1", async () => {
    const dir = tempDir("doctor-config");
    cleanups.push(() => removeDir(dir));
    const file = writeConfig(dir, "station:\n  code: lower\nmqtt_typo: 1\n");
    const run = await runCli(["doctor", "--config", file, "--data", join(dir, "data")]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("✗ 配置文件 / Configuration");
    expect(run.stdout).toContain("/station/code");
    expect(run.stdout).toContain("mqtt_typo");
  });

  it("checks the devices the config names: a missing scale port and an unreachable label printer fail the run", async () => {
    const dir = tempDir("doctor-devices");
    cleanups.push(() => removeDir(dir));
    const printerPort = await closedPort();
    const file = writeConfig(
      dir,
      [
        "drivers:",
        "  scales:",
        "    - id: scale-1",
        "      protocol: generic-ad",
        "      serial:",
        "        path: /dev/trace/scale-not-plugged",
        "printers:",
        "  - name: label",
        "    kind: tspl",
        "    transport:",
        "      type: tcp",
        "      host: 127.0.0.1",
        `      port: ${printerPort}`,
        "",
      ].join("\n"),
    );
    const run = await runCli([
      "doctor",
      "--config",
      file,
      "--data",
      join(dir, "data"),
      "--json",
      "--timeout",
      "2000",
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { checks: Array<{ id: string; status: string; code?: string }> };
    expect(report.checks.find((c) => c.id === "serial:/dev/trace/scale-not-plugged")).toMatchObject({
      status: "fail",
      code: "OPS_SERIAL_MISSING",
    });
    expect(report.checks.find((c) => c.id === `printer:127.0.0.1:${printerPort}`)).toMatchObject({
      status: "fail",
      code: "OPS_PRINTER_UNREACHABLE",
    });
    const text = await runCli(["doctor", "--config", file, "--data", join(dir, "data")]);
    expect(text.stdout).toContain("✗ 串口 /dev/trace/scale-not-plugged");
    expect(text.stdout).toContain("→ 检查 USB 线和转换器");
  });

  it("ports: taken by the running station is fine (and its alarms are reported), taken by another program fails", async () => {
    const [mqttPort, httpPort] = [await freePort(), await freePort()];
    const ts = await startTestStation({ mqtt: { port: mqttPort }, http: { port: httpPort } });
    cleanups.push(() => removeDir(ts.dataDir));
    cleanups.push(() => ts.stop());
    const overrides = { dataDir: ts.dataDir, mqttPort, httpPort };
    const running = await runDoctor({ overrides });
    expect(running.checks.find((c) => c.id === "station")).toMatchObject({ status: "ok" });
    expect(running.checks.find((c) => c.id === "port-mqtt")).toMatchObject({ status: "ok" });
    expect(running.checks.find((c) => c.id === "port-mqtt")?.detail).toContain("running station");
    expect(running.checks.find((c) => c.id === "port-http")).toMatchObject({ status: "ok" });
    await ts.stop();

    // Something else (a mosquitto left running, say) holds the MQTT port.
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(mqttPort, "0.0.0.0", r));
    cleanups.push(() => new Promise((r) => squatter.close(r)));
    const taken = await runDoctor({ overrides });
    expect(taken.checks.find((c) => c.id === "station")).toBeUndefined();
    expect(taken.checks.find((c) => c.id === "port-mqtt")).toMatchObject({
      status: "fail",
      code: "OPS_PORT_IN_USE",
    });
    expect(taken.ok).toBe(false);
  });

  it("simulated full disk: a small tmpfs under the floor fails, and passes once space is freed", async (ctx) => {
    const fs = mountTmpfs(8);
    if (typeof fs === "string") {
      ctx.skip(fs);
      return;
    }
    cleanups.push(() => fs.unmount());
    const data = join(fs.dir, "data");
    mkdirSync(data);
    const file = writeConfig(fs.dir, "ops:\n  diskFloorMb: 4\n  diskResumeMarginMb: 1\n");
    fill(join(fs.dir, "ballast"), 6);
    const full = await runCli(["doctor", "--config", file, "--data", data, "--json"]);
    expect(full.status).toBe(1);
    const report = JSON.parse(full.stdout) as {
      checks: Array<{ id: string; status: string; code?: string }>;
    };
    expect(report.checks.find((c) => c.id === "disk")).toMatchObject({
      status: "fail",
      code: "OPS_DISK_LOW",
    });

    rmSync(join(fs.dir, "ballast"));
    const freed = await runCli(["doctor", "--config", file, "--data", data]);
    expect(freed.stdout).toMatch(/✓ 磁盘剩余空间/);
    expect(freed.status).toBe(0);
  });

  it("clock jump: a clock behind stored data fails, and readings taken while it was wrong are flagged", async () => {
    let now = Date.parse("2026-11-22T08:00:00Z");
    const clock: Clock = { ...systemClock, now: () => now };
    const ts = await startTestStation({}, { clock });
    cleanups.push(() => removeDir(ts.dataDir));
    cleanups.push(() => ts.stop());
    for (let i = 0; i < 3; i++) {
      now += 60_000;
      await ts.station.intake.submit("s1", "reading", { values: { air_temp: 20 + i } });
    }
    // The box reboots without an RTC: fake-hwclock puts it two days back, readings keep coming.
    now -= 2 * 86_400_000;
    ts.station.ops.clockWatch.check();
    expect(ts.station.ops.alarms().map((a) => a.code)).toContain("OPS_CLOCK_BEHIND");
    await ts.station.intake.submit("s1", "reading", { values: { air_temp: 30 } });
    await ts.station.intake.submit("s1", "reading", { values: { air_temp: 31 } });
    await ts.stop();

    const behind = await runDoctor({ overrides: { dataDir: ts.dataDir, mqttPort: 0, httpPort: 0 }, now });
    expect(behind.ok).toBe(false);
    expect(behind.checks.find((c) => c.id === "clock")).toMatchObject({
      status: "fail",
      code: "OPS_CLOCK_BEHIND",
    });
    expect(behind.checks.find((c) => c.id === "clock-flagged")?.detail).toContain("2 ");

    // NTP has set the clock: the clock passes, the two readings stay flagged.
    const synced = await runDoctor({
      overrides: { dataDir: ts.dataDir, mqttPort: 0, httpPort: 0 },
      now: Date.parse("2026-11-22T09:00:00Z"),
    });
    expect(synced.checks.find((c) => c.id === "clock")?.status).toBe("ok");
    expect(synced.checks.find((c) => c.id === "clock-flagged")).toMatchObject({ status: "warn" });
    expect(synced.checks.find((c) => c.id === "clock-flagged")?.detail).toMatch(/ids 4–5/);

    // A box that booted at the epoch: the clock is unset.
    const epoch = await runDoctor({ overrides: { dataDir: ts.dataDir, mqttPort: 0, httpPort: 0 }, now: 0 });
    expect(epoch.checks.find((c) => c.id === "clock")).toMatchObject({
      status: "fail",
      code: "OPS_CLOCK_UNSET",
    });
  });
});
