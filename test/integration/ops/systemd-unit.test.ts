import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_CONFIG } from "../../../edge/config/load.js";
import { lintUdevRules } from "../../helpers/ops-udev-lint.js";

const UNIT = readFileSync("systemd/trace-station.service", "utf8");
const RULES = readFileSync("systemd/99-trace-station.rules", "utf8");
const dir = mkdtempSync(join(tmpdir(), "ops-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The unit as installed; on a CI box whose node is not /usr/bin/node, as install.sh rewrites it. */
function unitFile(): string {
  const file = join(dir, "trace-station.service");
  const text = existsSync("/usr/bin/node") ? UNIT : UNIT.replaceAll("/usr/bin/node", process.execPath);
  writeFileSync(file, text);
  return file;
}

describe("systemd unit", () => {
  it("passes systemd-analyze verify", () => {
    const run = spawnSync("systemd-analyze", ["verify", "--man=no", unitFile()], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("rates 3.0 or lower in systemd-analyze security", () => {
    const out = execFileSync("systemd-analyze", ["security", "--offline=true", "--no-pager", unitFile()], {
      encoding: "utf8",
    });
    const match = /Overall exposure level for [^:]+: (\d+(?:\.\d+)?)/.exec(out);
    expect(match, out).not.toBeNull();
    expect(Number(match?.[1])).toBeLessThanOrEqual(3.0);
  });

  it("is a notify service that restarts on failure but not on a config error, with device access", () => {
    const lines = UNIT.split("\n").map((l) => l.trim());
    for (const expected of [
      "Type=notify",
      "NotifyAccess=all",
      "Restart=on-failure",
      `RestartPreventExitStatus=${EXIT_CONFIG}`,
      "StateDirectory=trace-station",
      "ConfigurationDirectory=trace-station",
      "SupplementaryGroups=dialout lp",
      "DevicePolicy=closed",
      "DeviceAllow=char-ttyUSB rw",
      "DeviceAllow=char-ttyACM rw",
      "DeviceAllow=char-usb rw",
      "SystemCallFilter=@system-service",
      "ProtectSystem=strict",
    ]) {
      expect(lines).toContain(expected);
    }
    expect(lines.some((l) => l.startsWith("PrivateDevices="))).toBe(false);
    expect(lines.some((l) => /^WatchdogSec=\d+/.test(l))).toBe(true);
    expect(lines.some((l) => /^StartLimitBurst=\d+/.test(l))).toBe(true);
  });
});

describe("udev rules", () => {
  it("parse as udev rules", () => {
    expect(lintUdevRules(RULES)).toEqual([]);
  });

  it("the lint catches a broken rule (so the check above can fail)", () => {
    expect(
      lintUdevRules('SUBSYSTEM="tty", GROUP=="dialout"\nGOTO="nowhere"\nKERNEL=="x" MODE="0660"'),
    ).toHaveLength(4);
  });

  it("tell ModemManager to leave every serial adapter and printer alone", () => {
    const ruleLines = RULES.split("\n").filter((l) => /^SUBSYSTEM=="(tty|usbmisc)".*GROUP=/.test(l));
    expect(ruleLines.length).toBeGreaterThanOrEqual(8);
    for (const line of ruleLines) expect(line).toContain('ENV{ID_MM_DEVICE_IGNORE}="1"');
    // CH340, CP210x, FTDI, PL2303 by vendor id.
    for (const vendor of ["1a86", "10c4", "0403", "067b"])
      expect(RULES).toContain(`ATTRS{idVendor}=="${vendor}"`);
  });

  it("uses udevadm verify when this systemd has it", () => {
    const help = spawnSync("udevadm", ["verify", "--help"], { encoding: "utf8" });
    if (help.error || help.status !== 0) return; // udevadm < 254: the lint above stands in.
    const file = join(dir, "99-trace-station.rules");
    writeFileSync(file, RULES);
    const run = spawnSync("udevadm", ["verify", "--resolve-names=never", file], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
  });
});
