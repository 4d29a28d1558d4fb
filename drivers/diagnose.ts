import "./driver-codes.js";
import type { ErrorCode } from "../edge/core/error-codes.js";

/** What a driver's counters say, as the error code whose remedy a technician should read. */
export function diagnose(s: {
  connected: boolean;
  framesOk: number;
  checksumErrors: number;
  garbageBytes: number;
  lastError?: string | undefined;
}): ErrorCode | undefined {
  if (!s.connected) {
    if (s.lastError === undefined) return undefined;
    // ENOENT: nothing at the path (unplugged, or a by-id name that does not match).
    return /ENOENT|No such file|cannot open.*not found/i.test(s.lastError)
      ? "DRIVER_DEVICE_ABSENT"
      : /disconnected|bad file descriptor|EIO/i.test(s.lastError)
        ? "DRIVER_DEVICE_ABSENT"
        : "DRIVER_SERIAL_OPEN_FAILED";
  }
  // Bytes but never a frame: the wrong protocol, baud rate or parity.
  if (s.framesOk === 0 && s.garbageBytes >= 64) return "DRIVER_NO_FRAMES";
  if (s.checksumErrors >= 10 && s.checksumErrors * 10 > s.framesOk) return "DRIVER_CHECKSUM_ERRORS";
  return undefined;
}
