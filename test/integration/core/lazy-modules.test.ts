import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

const DIST = resolve(dirname(CLI), "../..");
const work = tempDir("lazy-modules");
afterAll(() => removeDir(work));

/**
 * The packages a freshly started station (built, in its own process) holds in memory, read
 * from Node's CommonJS cache, where every CommonJS package lands however it was imported.
 */
function startedStation(config: object): { packages: string[]; packetNumberCache: boolean } {
  const file = join(work, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  const script = `
    import { createRequire } from "node:module";
    const { createStation } = await import(${JSON.stringify(join(DIST, "edge/app.js"))});
    const { loadConfig } = await import(${JSON.stringify(join(DIST, "edge/config/load.js"))});
    const { createLogger } = await import(${JSON.stringify(join(DIST, "edge/core/logger.js"))});
    const loaded = loadConfig(${JSON.stringify(file)}, { dataDir: ${JSON.stringify(`${file}.data`)}, mqttPort: 0, httpPort: 0 });
    const station = createStation(loaded, { logger: createLogger({ level: "silent" }) });
    await station.start();
    await new Promise((r) => setTimeout(r, 300));
    const names = Object.keys(createRequire(import.meta.url).cache)
      .map((path) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(path)?.[1])
      .filter((name) => name !== undefined);
    const packetNumberCache = createRequire(${JSON.stringify(join(DIST, "edge/app.js"))})("mqtt-packet").writeToStream.cacheNumbers;
    await station.stop();
    console.log(JSON.stringify({ packages: [...new Set(names)], packetNumberCache }));
  `;
  writeFileSync(`${file}.mjs`, script);
  const r = spawnSync(process.execPath, [`${file}.mjs`], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as ReturnType<typeof startedStation>;
}

/** What a station loads only when its config or its first label needs it (issue 16). */
const ON_USE = ["serialport", "modbus-serial", "mqtt", "@resvg/resvg-js", "qrcode", "node-thermal-printer"];

describe("an idle station loads only what its config uses (issue 16: every module loaded stays in the RSS)", () => {
  it("on the embedded defaults (demo scale, preview printer) no serial, upstream MQTT or label renderer is loaded", () => {
    expect(startedStation({}).packages.filter((name) => ON_USE.includes(name))).toEqual([]);
  });

  it("with an upstream MQTT sink configured, mqtt.js is loaded once the sink connects", () => {
    const { packages: loaded } = startedStation({
      demo: { enabled: false },
      uplink: {
        sinks: [{ type: "mqtt", name: "up", url: "mqtt://127.0.0.1:9", topic: "up/{station}/{stream}" }],
      },
    });
    expect(loaded).toContain("mqtt");
    expect(loaded.filter((name) => ON_USE.includes(name) && name !== "mqtt")).toEqual([]);
  });

  it("mqtt-packet encodes packet ids as it writes them instead of keeping 65 536 Buffers (6 MiB of heap)", () => {
    expect(startedStation({ demo: { enabled: false } }).packetNumberCache).toBe(false);
  });
});
