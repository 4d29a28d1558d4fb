import { isStationError } from "../../core/station-error.js";
import type { Refusal } from "../../intake/decode.js";

/**
 * Run a domain write for a device message: a domain error (unknown site, bad registration
 * number, no batch selected) becomes a Refusal the device receives on its error topic; any
 * other failure propagates to the projector, which logs it.
 */
export function refusalFrom(write: () => void): Refusal | undefined {
  try {
    write();
    return undefined;
  } catch (err) {
    if (isStationError(err) && err.code.startsWith("DOMAIN_")) return { code: err.code, reason: err.message };
    throw err;
  }
}
