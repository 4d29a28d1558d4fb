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
 */
export function linkStatus(link: {
  id: string;
  kind: "scale" | "scanner";
  transport: ByteTransport;
  supervisor: ReconnectSupervisor;
  counters: LinkCounters;
  lastFrameAt: number | null;
  lastError: string | undefined;
}): DriverStatus {
  const { supervisor } = link;
  const lastError = supervisor.connected ? link.lastError : supervisor.lastError;
  const status: DriverStatus = {
    id: link.id,
    kind: link.kind,
    port: link.transport.name,
    connected: supervisor.connected,
    lastFrameAt: link.lastFrameAt,
    ...link.counters,
    reconnects: supervisor.reconnects,
    ...(lastError ? { lastError } : {}),
  };
  const code = diagnose(status);
  return code ? { ...status, code } : status;
}
