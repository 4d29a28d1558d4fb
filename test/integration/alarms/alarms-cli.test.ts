import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliSync } from "../../helpers/cli.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { removeDir, tempDir } from "../../helpers/station.js";

let test: KioskTestStation | undefined;
let dir = "";
afterEach(async () => {
  await test?.stop();
  removeDir(dir);
  test = undefined;
});

describe("trace-station alarms (built CLI beside a running station)", () => {
  it("lists open alarms in plain words, acknowledges by name, lists rules and cited presets; a bad rule stops the config", async () => {
    dir = tempDir("alarms-cli");
    const dataDir = join(dir, "data");
    const alarms = { rules: [{ id: "barn-nh3", preset: "barn-nh3-high", site: "barn1", forSec: 0 }] };
    const configFile = join(dir, "station.json");
    writeFileSync(configFile, JSON.stringify({ dataDir, alarms }));
    test = await startKioskStation({ alarms }, dataDir);
    const secret = (await test.station.devices.add("nh1", "sensor", "barn1")).secret;
    const nh1 = await connectDevice(test.mqttUrl, "nh1", secret);
    await nh1.publishAsync("trace/v1/dev/nh1/reading", JSON.stringify({ values: { nh3: 31 } }), { qos: 1 });
    await nh1.endAsync();

    const cli = (...args: string[]) => runCliSync(["alarms", ...args, "--config", configFile]);
    const list = cli("list");
    expect(list.status).toBe(0);
    expect(list.stdout).toContain("氨气 31 ppm，高于 20 ppm");
    expect(list.stdout).toContain("加大通风");

    expect(cli("ack", "1").status).toBe(2);
    const ack = cli("ack", "1", "--by", "赵场长", "--note", "开了风机", "--json");
    expect(ack.status).toBe(0);
    expect(JSON.parse(ack.stdout)).toMatchObject({
      state: "acknowledged",
      acknowledged: { actor: { via: "cli", name: "赵场长" }, note: "开了风机" },
    });
    const again = cli("ack", "1", "--by", "赵场长");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("ALARM_ALREADY_ACKNOWLEDGED");

    expect(cli("rules").stdout).toContain("barn-nh3");
    const presets = cli("presets", "--json")
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { name: string; source: string });
    expect(presets.map((p) => p.name)).toContain("trout-oxygen-low");
    expect(presets.find((p) => p.name === "barn-nh3-high")?.source).toContain("NY/T 388");

    const badFile = join(dir, "bad.json");
    writeFileSync(badFile, JSON.stringify({ dataDir, alarms: { rules: [{ id: "x", preset: "frost" }] } }));
    const bad = runCliSync(["alarms", "list", "--config", badFile]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("no preset named frost");
    expect(bad.stderr).toContain("give a site or a device");
  }, 30_000);
});
