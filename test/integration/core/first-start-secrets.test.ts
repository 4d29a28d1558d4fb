import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnStation } from "../../helpers/child-station.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Issue 12: secrets printed at first start never reach a non-TTY stderr (the journal under
 * systemd), and the data directory and database are private whoever creates them.
 */
describe("first start without a terminal", () => {
  it("prints no secret; writes them to an owner-only file whose path is logged; dir 0750, db 0640", async () => {
    const dir = join(tempDir("first-start"), "data");
    const station = await spawnStation(["--data", dir], {});
    station.process.kill("SIGTERM");
    await station.exited;
    const stderr = station.stderr();
    const file = join(dir, "first-start-secrets.txt");
    expect(existsSync(file)).toBe(true);
    const secrets = readFileSync(file, "utf8");
    const pin = /kiosk PIN: (\d{6})/.exec(secrets)?.[1];
    const token = /admin token: (\S+)/.exec(secrets)?.[1];
    expect(pin).toBeDefined();
    expect(token).toBeDefined();
    const logs = JSON.stringify(station.logs);
    for (const secret of [pin as string, token as string]) {
      expect(stderr).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(station.logs.some((l) => l.file === file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o750);
    expect(statSync(join(dir, "station.db")).mode & 0o777).toBe(0o640);
    removeDir(join(dir, ".."));
  });

  it("tightens a database an older install left 0644 in a 0755 directory", async () => {
    const dir = tempDir("old-modes");
    writeFileSync(join(dir, "marker"), "");
    const { chmodSync } = await import("node:fs");
    chmodSync(dir, 0o755);
    const first = await spawnStation(["--data", dir]);
    first.process.kill("SIGTERM");
    await first.exited;
    chmodSync(join(dir, "station.db"), 0o644);
    chmodSync(dir, 0o755);
    const again = await spawnStation(["--data", dir]);
    again.process.kill("SIGTERM");
    await again.exited;
    expect(statSync(dir).mode & 0o777).toBe(0o750);
    expect(statSync(join(dir, "station.db")).mode & 0o777).toBe(0o640);
    removeDir(dir);
  });
});
