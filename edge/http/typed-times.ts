import "../cli/cli-codes.js";
import type { FastifyRequest } from "fastify";
import { StationError } from "../core/station-error.js";
import { parseLocalTime } from "../domain/local-time.js";

/** Body fields that are instants; the schemas hold them as epoch ms. */
const TIME_FIELDS = [
  "appliedAt",
  "testedAt",
  "windowStart",
  "windowEnd",
  "harvestAt",
  "weighedAt",
  "receivedAt",
  "issuedAt",
] as const;

/**
 * Times a person types into the API as text ("2026-05-03 07:30", "2026-05-03T07:30:00+08:00")
 * become epoch ms before validation; without an offset they are wall-clock time in the
 * station's zone, never UTC, the same rule as the CLI. Numbers pass through unchanged.
 */
export function typedTimesHook(timeZone: string): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const body = request.body;
    if (body === null || typeof body !== "object" || Array.isArray(body)) return;
    const fields = body as Record<string, unknown>;
    for (const name of TIME_FIELDS) {
      const value = fields[name];
      if (typeof value !== "string") continue;
      const ms = parseLocalTime(value, timeZone);
      if (Number.isNaN(ms)) {
        throw new StationError(
          "TIME_INVALID",
          `${name} "${value}" 不是有效时间（如 2026-05-03 07:30，按本站时区 ${timeZone}）/ not a valid time (e.g. 2026-05-03 07:30 in ${timeZone})`,
          { field: name },
        );
      }
      fields[name] = ms;
    }
  };
}
