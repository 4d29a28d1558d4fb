import type { Clock } from "../edge/core/clock.js";
import type { Logger } from "../edge/core/logger.js";
import { diagnose } from "./diagnose.js";
import type { DriverOutlets, DriverStatus } from "./driver-status.js";
import type { ByteTransport } from "./transport/byte-transport.js";
import type { BackoffSettings, ReconnectSupervisor } from "./transport/reconnect-supervisor.js";

/** What every serial driver (scale, scanner, Modbus bus) is built with in drivers/driver-hub.ts. */
export interface LinkDriverDeps {
  transport: ByteTransport;
  outlets: DriverOutlets;
  clock: Clock;
  log: Logger;
  backoff: BackoffSettings;
  /** The line settings in use ("9600 8N1", "tcp"), quoted when frames are not recognised. */
  line?: string;
}

/** Frame counters a single-device driver keeps for `diagnose`. */
export interface LinkCounters {
  framesOk: number;
  checksumErrors: number;
  garbageBytes: number;
}

/**
 * Status of a device that has a supervised serial link to itself (a scale, a scanner; a Modbus
 * bus shares one link between sensors and reports its own). While the link is up the driver's
 * own last error counts (a failed poll write, a message the intake did not store); while it is
 * down the supervisor's (why the port would not open), which `diagnose` turns into a code.
 * Scales keep sending by nature, so their silence is a problem; a scanner's is not.
 */
export function linkStatus(link: {
  id: string;
  kind: "scale" | "scanner";
  transport: ByteTransport;
  supervisor: ReconnectSupervisor;
  counters: LinkCounters;
  lastFrameAt: number | null;
  lastByteAt: number | null;
  lastError: string | undefined;
  line: string | undefined;
  /** Scales: the silence limit, the clock's now and the garbage since the last frame. */
  silence?: { now: number; afterMs: number; garbageSinceFrame: number };
  /** What the wrong-format message names ("yaohua-tf0"). */
  format?: string;
}): DriverStatus {
  const { supervisor, silence } = link;
  const lastError = supervisor.connected ? link.lastError : supervisor.lastError;
  const silentFrom = link.lastFrameAt ?? supervisor.since;
  const silent =
    supervisor.connected &&
    silence !== undefined &&
    silentFrom !== null &&
    silence.now - silentFrom >= silence.afterMs;
  const status: DriverStatus = {
    id: link.id,
    kind: link.kind,
    port: link.transport.name,
    connected: supervisor.connected,
    linkSince: supervisor.since,
    lastFrameAt: link.lastFrameAt,
    lastByteAt: link.lastByteAt,
    silentSince: silent ? silentFrom : null,
    ...(link.line ? { line: link.line } : {}),
    ...link.counters,
    reconnects: supervisor.reconnects,
    ...(lastError ? { lastError } : {}),
  };
  const code = diagnose(status, silence);
  if (!code) return status;
  // Say which settings are in use, so the technician can compare them with the indicator's menu.
  const detail =
    code === "DRIVER_NO_FRAMES"
      ? `收到 ${status.garbageBytes} 字节但认不出 ${link.format ?? link.kind} 帧（当前 ${link.line ?? "?"}）/ ${status.garbageBytes} bytes but no ${link.format ?? link.kind} frame at ${link.line ?? "?"}`
      : code === "DRIVER_SILENT"
        ? `端口已打开，${Math.round((silence?.afterMs ?? 0) / 1000)} 秒以上没有收到${status.lastByteAt === null ? "任何字节" : "有效帧"} / port open, nothing received for over ${Math.round((silence?.afterMs ?? 0) / 1000)} s`
        : undefined;
  return {
    ...status,
    code,
    ...(detail && !(lastError && supervisor.connected) ? { lastError: detail } : {}),
  };
}
