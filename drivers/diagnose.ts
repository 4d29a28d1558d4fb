import "./driver-codes.js";
import type { ErrorCode } from "../edge/core/error-codes.js";

/** Bytes without a single frame before the protocol or line settings are blamed. */
const NO_FRAMES_BYTES = 64;

/** What a driver's counters say, as the error code whose remedy a technician should read. */
export function diagnose(
  s: {
    connected: boolean;
    framesOk: number;
    checksumErrors: number;
    garbageBytes: number;
    lastError?: string | undefined;
    lastFrameAt?: number | null;
    lastByteAt?: number | null;
    linkSince?: number | null;
  },
  /** For devices that must keep sending (continuous scales): now and the silence limit. */
  silence?: { now: number; afterMs: number; garbageSinceFrame: number },
): ErrorCode | undefined {
  if (!s.connected) {
    if (s.lastError === undefined) return undefined;
    // ENOENT: nothing at the path (unplugged, or a by-id name that does not match).
    return /ENOENT|No such file|cannot open.*not found|ECONNREFUSED|EHOSTUNREACH|ETIMEDOUT/i.test(s.lastError)
      ? "DRIVER_DEVICE_ABSENT"
      : /disconnected|bad file descriptor|EIO|ECONNRESET|closed/i.test(s.lastError)
        ? "DRIVER_DEVICE_ABSENT"
        : "DRIVER_SERIAL_OPEN_FAILED";
  }
  // Bytes but never a frame: the wrong protocol, baud rate or parity.
  if (s.framesOk === 0 && s.garbageBytes >= NO_FRAMES_BYTES) return "DRIVER_NO_FRAMES";
  if (silence) {
    const { now, afterMs, garbageSinceFrame } = silence;
    const lastFrame = s.lastFrameAt ?? s.linkSince ?? now;
    if (now - lastFrame >= afterMs) {
      // Still bytes, but none of them frames any more (the indicator was switched to another format).
      const bytesRecently =
        s.lastByteAt !== null && s.lastByteAt !== undefined && now - s.lastByteAt < afterMs;
      return bytesRecently && garbageSinceFrame >= NO_FRAMES_BYTES ? "DRIVER_NO_FRAMES" : "DRIVER_SILENT";
    }
  }
  if (s.checksumErrors >= 10 && s.checksumErrors * 10 > s.framesOk) return "DRIVER_CHECKSUM_ERRORS";
  return undefined;
}
