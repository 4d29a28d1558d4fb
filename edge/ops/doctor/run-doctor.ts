import { ConfigError, type ConfigOverrides, type LoadedConfig, loadConfig } from "../../config/load.js";
import { isStationError } from "../../core/station-error.js";
import { isErrorCode } from "../../error-catalog.js";
import { type DiskProbe, statfsProbe } from "../disk-space.js";
import { type CheckResult, passed, problem } from "./check-result.js";
import { configTargets } from "./config-targets.js";
import { checkPrinter, checkSerial, checkUpstream, type ProbeSettings } from "./device-checks.js";
import {
  checkClock,
  checkDataDir,
  checkDisk,
  checkPorts,
  configuredPorts,
  openStoreReadOnly,
} from "./local-checks.js";
import { probeRunningStation, type RunningDevice, type RunningStation } from "./running-station.js";
import { checkDemo, checkFont, checkQrBase } from "./site-checks.js";

export interface DoctorOptions {
  configFile?: string | undefined;
  overrides?: ConfigOverrides;
  /** The time to judge the clock by; the system clock unless a test or a what-if passes one. */
  now?: number;
  probe?: DiskProbe;
  timeoutMs?: number;
}

export interface DoctorReport {
  ok: boolean;
  at: string;
  configSource: string;
  dataDir: string | null;
  checks: CheckResult[];
}

const CONFIG = { zh: "配置文件", en: "Configuration" };

/** Every check `trace-station doctor` runs, in the order a technician fixes things. */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const now = options.now ?? Date.now();
  const settings = { timeoutMs: options.timeoutMs ?? 3000 };
  const checks: CheckResult[] = [];
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig(options.configFile, options.overrides ?? {});
    checks.push(passed("config", CONFIG, loaded.source));
  } catch (err) {
    if (!isStationError(err)) throw err;
    const detail = err instanceof ConfigError ? err.report() : err.message;
    checks.push({ ...problem("fail", "config", CONFIG, err.code, detail) });
    return finish(checks, now, options.configFile ?? "-", null);
  }
  const { config, dataDir } = loaded;
  const running = await probeRunningStation(config.http.port, settings.timeoutMs);
  if (running) checks.push(runningCheck(running), ...running.devices.map(runningDeviceCheck));
  checks.push(checkDemo(config), checkQrBase(config), checkFont(config));
  checks.push(checkDataDir(dataDir));
  checks.push(await checkDisk(dataDir, config.ops, options.probe ?? statfsProbe));
  const db = openStoreReadOnly(dataDir);
  try {
    checks.push(...checkClock(dataDir, db, now));
  } finally {
    db?.close();
  }
  checks.push(...(await checkPorts(configuredPorts(config), running !== undefined)));
  const targets = configTargets(config);
  const probeSettings: ProbeSettings = { ...settings, stationRunning: running !== undefined };
  for (const serial of targets.serial) checks.push(await checkSerial(serial, probeSettings));
  const remote = await Promise.all([
    ...targets.printers.map((p) => checkPrinter(p, probeSettings)),
    ...targets.upstream.map((u) => checkUpstream(u, probeSettings)),
  ]);
  checks.push(...remote);
  return finish(checks, now, loaded.source, dataDir);
}

function runningCheck(running: RunningStation): CheckResult {
  const title = { zh: "运行中的站点", en: "Running station" };
  if (running.alarms.length === 0) return passed("station", title, "运行中，无告警 / running, no alarms");
  const first = running.alarms[0];
  return {
    id: "station",
    title,
    status: "warn",
    detail: running.alarms.map((a) => `[${a.code}] ${a.message}`).join("; "),
    ...(first ? { code: first.code, remedy: first.remedy } : {}),
  };
}

/** What the running station's driver says about each device: a problem is a warning with its remedy. */
function runningDeviceCheck(device: RunningDevice): CheckResult {
  const printer = device.kind === "printer";
  const title = printer
    ? { zh: `打印机 ${device.id}（${device.port}）`, en: `Printer ${device.id} (${device.port})` }
    : { zh: `设备 ${device.id}（${device.port}）`, en: `Device ${device.id} (${device.port})` };
  const id = `device:${device.id}`;
  if (!device.problem) {
    return device.online
      ? passed(
          id,
          title,
          printer ? "在线，可以打印 / online, ready to print" : "在线，正在收到数据 / online, data arriving",
        )
      : { id, title, status: "warn", detail: "未在线 / not online" };
  }
  const { code, title: what, remedy, detail } = device.problem;
  return {
    id,
    title,
    status: "warn",
    detail: `${what.zh} / ${what.en}${detail ? `: ${detail}` : ""}`,
    ...(isErrorCode(code) ? { code } : {}),
    remedy,
  };
}

function finish(
  checks: CheckResult[],
  now: number,
  configSource: string,
  dataDir: string | null,
): DoctorReport {
  return {
    ok: checks.every((c) => c.status !== "fail"),
    at: new Date(now).toISOString(),
    configSource,
    dataDir,
    checks,
  };
}
