import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStation, type Station, type StationDeps } from "../../edge/app.js";
import { validateConfig } from "../../edge/config/load.js";
import { silentLogger } from "../../edge/core/logger.js";

export interface TestStation {
  station: Station;
  dataDir: string;
  mqttUrl: string;
  /** Register a device and return its one-time password. */
  addDevice(
    id: string,
    kind?: "sensor" | "scale" | "scanner" | "tester" | "sprayer" | "printer",
  ): Promise<string>;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `trace-${prefix}-`));
}

/**
 * A real station in this process: real aedes over TCP on a free port, real SQLite file in a
 * temporary directory, the real writer thread. `config` is merged over the embedded defaults.
 */
export async function startTestStation(
  config: Record<string, unknown> = {},
  deps: StationDeps = {},
  dataDir = tempDir("station"),
): Promise<TestStation> {
  const raw = {
    ...config,
    dataDir,
    mqtt: { port: 0, host: "127.0.0.1", ...((config.mqtt as object) ?? {}) },
    http: { port: 0, host: "127.0.0.1", ...((config.http as object) ?? {}) },
    demo: { enabled: false, ...((config.demo as object) ?? {}) },
  };
  const loaded = validateConfig(raw, "<test>");
  const station = createStation(loaded, { logger: silentLogger(), ...deps });
  await station.start();
  let stopped = false;
  return {
    station,
    dataDir,
    mqttUrl: `mqtt://127.0.0.1:${station.ports.mqtt}`,
    async addDevice(id, kind = "sensor") {
      return (await station.devices.add(id, kind, null)).secret;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await station.stop();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
