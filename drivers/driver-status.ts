import type { ErrorCode } from "../edge/errors/catalog.js";

/** What every driver reports for health, metrics and the kiosk's device view. */
export interface DriverStatus {
  /** Device id (scale, sensor, scanner) or bus id. */
  id: string;
  kind: "scale" | "modbus-sensor" | "scanner";
  /** Serial path, or "memory" for the demo scale. */
  port: string;
  connected: boolean;
  /** Epoch ms of the last good frame or answer; null before the first. */
  lastFrameAt: number | null;
  framesOk: number;
  checksumErrors: number;
  garbageBytes: number;
  reconnects: number;
  /** Modbus: the bus this sensor is on. */
  bus?: string;
  /** Modbus: requests without an answer in time. */
  timeouts?: number;
  /** Modbus: true after several failed polls in a row (a dead or mis-addressed sensor). */
  dead?: boolean;
  lastError?: string;
  /** The error code (catalogue entry with remedy) that explains the current trouble, if any. */
  code?: ErrorCode;
}

/** `stale`: a continuous indicator sent nothing for `staleAfterMs` (off, or its cable pulled). */
export type LiveState = "ok" | "negative" | "overload" | "underload" | "busy" | "error" | "stale";

/**
 * The live weight stream for the kiosk (`trace/v1/dev/{id}/live`, not stored); the same shape
 * as the kiosk's WeightEvent (edge/http/live-bridge.ts), so it can be passed on as it is.
 */
export interface LiveWeight {
  deviceId: string;
  /** Kilograms; null for overload, underload, busy, error or stale. */
  netKg: number | null;
  stable: boolean;
  state: LiveState;
  /** Epoch ms of the frame. */
  ts: number;
}

/** A stable weight published once for a placement, after the intake stored it. */
export interface StableWeight {
  deviceId: string;
  kg: number;
  at: number;
  /** Row id in `messages`. */
  messageId: number;
}

/** What drivers publish through: the intake (stored) and the broker (live, not stored). */
export interface DriverOutlets {
  submit(
    deviceId: string,
    kind: "weight" | "reading" | "scan",
    body: Record<string, unknown>,
  ): Promise<number | null>;
  publishLive(deviceId: string, payload: string): void;
}
