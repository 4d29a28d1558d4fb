import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { StationConfig } from "../../config/schema.js";
import { type Database, databasePath, openDatabase } from "../../store/database.js";
import { judgeClock } from "../clock-sanity.js";
import { clockHighWater } from "../clock-stamp.js";
import { type DiskProbe, MB } from "../disk-space.js";
import { findSuspectReadings } from "../suspect-readings.js";
import { type CheckResult, passed, problem, skipped } from "./check-result.js";

const DATA = { zh: "数据目录可写", en: "Data directory writable" };
const DISK = { zh: "磁盘剩余空间", en: "Free disk space" };
const CLOCK = { zh: "系统时钟", en: "System clock" };
const FLAGGED = { zh: "校时前的读数", en: "Readings taken before the clock was set" };

/** Write, fsync and remove a probe file: what the store needs, not just the mode bits. */
export function checkDataDir(dataDir: string): CheckResult {
  const probe = join(dataDir, `.doctor-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    const fd = openSync(probe, "w");
    try {
      writeSync(fd, "doctor\n");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    rmSync(probe, { force: true });
    return passed("data-dir", DATA, dataDir);
  } catch (err) {
    rmSync(probe, { force: true });
    return problem(
      "fail",
      "data-dir",
      DATA,
      "OPS_DATA_DIR_NOT_WRITABLE",
      `${dataDir}: ${(err as Error).message}`,
    );
  }
}

export async function checkDisk(
  dataDir: string,
  ops: StationConfig["ops"],
  probe: DiskProbe,
): Promise<CheckResult> {
  let free: number;
  try {
    free = (await probe(existsSync(dataDir) ? dataDir : join(dataDir, ".."))).freeBytes;
  } catch (err) {
    return problem(
      "fail",
      "disk",
      DISK,
      "OPS_DATA_DIR_NOT_WRITABLE",
      `${dataDir}: ${(err as Error).message}`,
    );
  }
  const freeMb = Math.floor(free / MB);
  const floor = ops.diskFloorMb;
  const detail = `剩余 ${freeMb} MB，下限 ${floor} MB / ${freeMb} MB free, floor ${floor} MB`;
  if (floor > 0 && free < floor * MB) return problem("fail", "disk", DISK, "OPS_DISK_LOW", detail);
  if (floor > 0 && free < (floor + ops.diskResumeMarginMb) * MB)
    return problem("warn", "disk", DISK, "OPS_DISK_LOW", detail);
  return passed("disk", DISK, detail);
}

/** The station's own data, read-only: doctor must never migrate or write the store. */
export function openStoreReadOnly(dataDir: string): Database | undefined {
  if (!existsSync(databasePath(dataDir))) return undefined;
  try {
    return openDatabase(dataDir, { readonly: true });
  } catch {
    return undefined;
  }
}

export function checkClock(dataDir: string, db: Database | undefined, now: number): CheckResult[] {
  const highWater = db ? clockHighWater(dataDir, db) : null;
  const verdict = judgeClock({ now, highWater });
  const results: CheckResult[] = [
    verdict.ok
      ? passed("clock", CLOCK, new Date(now).toISOString())
      : problem("fail", "clock", CLOCK, verdict.code, verdict.message),
  ];
  if (!db) {
    results.push(skipped("clock-flagged", FLAGGED, "尚无数据库 / no database yet"));
    return results;
  }
  const suspect = findSuspectReadings(db);
  results.push(
    suspect.count === 0
      ? passed("clock-flagged", FLAGGED, "无 / none")
      : problem(
          "warn",
          "clock-flagged",
          FLAGGED,
          "OPS_CLOCK_UNSET",
          `${suspect.count} 条读数的接收时间不可信（消息编号 ${suspect.firstId}–${suspect.lastId}）/ ${suspect.count} messages have an untrustworthy receive time (ids ${suspect.firstId}–${suspect.lastId})`,
        ),
  );
  return results;
}

export interface PortSpec {
  name: string;
  host: string;
  port: number;
}

export function configuredPorts(config: StationConfig): PortSpec[] {
  const ports: PortSpec[] = [
    { name: "MQTT", host: config.mqtt.host, port: config.mqtt.port },
    { name: "HTTP", host: config.http.host, port: config.http.port },
  ];
  if (config.mqtt.tls) ports.push({ name: "MQTT/TLS", host: config.mqtt.host, port: config.mqtt.tls.port });
  return ports;
}

/** Try to bind each port; a taken port is fine when the running station holds it. */
export async function checkPorts(specs: PortSpec[], stationRunning: boolean): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const spec of specs) {
    const title = { zh: `${spec.name} 端口 ${spec.port}`, en: `${spec.name} port ${spec.port}` };
    const id = `port-${spec.name.toLowerCase().replace(/\W/g, "")}`;
    if (spec.port === 0) {
      results.push(skipped(id, title, "0 = 任一空闲端口 / any free port"));
      continue;
    }
    const err = await tryBind(spec.host, spec.port);
    if (!err) results.push(passed(id, title, "空闲 / free"));
    else if (err.code === "EADDRINUSE" && stationRunning) {
      results.push(passed(id, title, "由运行中的 trace-station 使用 / in use by the running station"));
    } else
      results.push(
        problem("fail", id, title, "OPS_PORT_IN_USE", `${spec.host}:${spec.port}: ${err.message}`),
      );
  }
  return results;
}

function tryBind(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (err: NodeJS.ErrnoException) => resolve(err));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
