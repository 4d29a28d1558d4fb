import type { ErrorCode } from "../edge/core/error-codes.js";

/** What every driver reports for health, metrics and the kiosk's device view. */
export interface DriverStatus {
  /** Device id (scale, sensor, scanner) or bus id. */
  id: string;
  kind: "scale" | "modbus-sensor" | "scanner";
  /** Serial path, or "memory" for the demo scale. */
  port: string;
  connected: boolean;
  /** Epoch ms the link last came up or went down; null before the first attempt. */
  linkSince: number | null;
  /** Epoch ms of the last good frame or answer; null before the first. */
  lastFrameAt: number | null;
  /** Epoch ms of the last byte received, frame or not; null before the first. */
  lastByteAt: number | null;
  /**
   * Link up but no frame for the device's silence limit: since when (the last frame, or the
   * link coming up). Null while frames arrive, while the link is down, and for devices that
   * are quiet by nature (scanners).
   */
  silentSince: number | null;
  /** Serial line settings in use ("9600 8N1"), or the TCP address: what to compare with the device. */
  line?: string;
  framesOk: number;
  checksumErrors: number;
  garbageBytes: number;
  reconnects: number;
  /** Modbus: the bus this sensor is on. */
  bus?: string;
  /** Modbus: requests without an answer in time. */
  timeouts?: number;
  /** Modbus: the bus's own link state (`connected` is false for a dead sensor on a live bus). */
  linkUp?: boolean;
  /** Modbus: true after several failed polls in a row (a dead or mis-addressed sensor). */
  dead?: boolean;
  /** Modbus: share of the recent polls answered (0..1); null before the first poll. */
  answerRate?: number | null;
  /** Modbus: epoch ms of the last request that went unanswered. */
  lastTimeoutAt?: number | null;
  /** Modbus: the sensor's backed-off retry interval while it does not answer, ms. */
  retryMs?: number;
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

/** The one intake path as drivers see it (edge/intake implements it): stored, or why not. */
export interface DriverIntake {
  submit(
    deviceId: string,
    kind: "weight" | "reading" | "scan",
    body: unknown,
  ): Promise<{ status: "stored"; id: number } | { status: "duplicate" | "refused" }>;
  /** The devices table's online column for an internal device, which follows its driver. */
  presence?(deviceId: string, online: boolean): void;
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
