import type { ErrorCode } from "../edge/core/error-codes.js";

/** A message the intake refused, announced so the broker can tell the device on `.../error`. */
export interface RefusalNotice {
  deviceId: string;
  topic: string;
  code: ErrorCode;
  reason: string;
  msgId: string | null;
  receivedAt: number;
}

/**
 * What the broker needs of the one intake path (edge/intake implements it): the broker knows
 * no storage, it only waits for `done` before aedes writes the PUBACK (DESIGN.md "Delivery
 * promise").
 */
export interface BrokerIntake {
  receive(
    deviceId: string,
    leaf: string,
    topic: string,
    payload: Buffer,
    done: (err: Error | null, outcome?: { status: "stored" | "duplicate" | "refused" }) => void,
  ): void;
  presence(deviceId: string, online: boolean): void;
  on(event: "refused", listener: (notice: RefusalNotice) => void): unknown;
  off(event: "refused", listener: (notice: RefusalNotice) => void): unknown;
}
