import type { DeviceProblem } from "../../../drivers/device-health.js";
import type { Alarm } from "../alarms.js";

/** A station-driven device as /healthz reports it. */
export interface RunningDevice {
  id: string;
  kind: string;
  port: string;
  online: boolean;
  problem: DeviceProblem | null;
}

export interface RunningStation {
  ready: boolean;
  alarms: Alarm[];
  devices: RunningDevice[];
}

/**
 * Is a trace-station answering on this machine's HTTP port? Its ports, serial devices and
 * printers are then legitimately taken, and its active alarms belong in the report.
 */
export async function probeRunningStation(
  port: number,
  timeoutMs: number,
): Promise<RunningStation | undefined> {
  if (port === 0) return undefined;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as Partial<RunningStation> | null;
    if (!body || typeof body.ready !== "boolean" || !Array.isArray(body.alarms)) return undefined;
    return {
      ready: body.ready,
      alarms: body.alarms,
      devices: Array.isArray(body.devices) ? body.devices : [],
    };
  } catch {
    return undefined;
  }
}
