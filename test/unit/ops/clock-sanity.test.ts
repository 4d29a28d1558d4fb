import { describe, expect, it } from "vitest";
import { CLOCK_TOLERANCE_MS, judgeClock, RELEASE_FLOOR_MS } from "../../../edge/ops/clock-sanity.js";

describe("clock sanity", () => {
  const t = Date.parse("2026-11-22T08:00:00Z");

  it("a clock before this release is unset (a Pi without RTC boots at 1970)", () => {
    expect(judgeClock({ now: 0 })).toMatchObject({ ok: false, code: "OPS_CLOCK_UNSET" });
    expect(judgeClock({ now: RELEASE_FLOOR_MS - 1 })).toMatchObject({ ok: false, code: "OPS_CLOCK_UNSET" });
  });

  it("a clock behind the last known time is behind; small NTP steps are not", () => {
    expect(judgeClock({ now: t - 86_400_000, highWater: t })).toMatchObject({
      ok: false,
      code: "OPS_CLOCK_BEHIND",
      behindMs: 86_400_000,
    });
    expect(judgeClock({ now: t - CLOCK_TOLERANCE_MS + 1, highWater: t })).toEqual({ ok: true });
    expect(judgeClock({ now: t, highWater: null })).toEqual({ ok: true });
  });
});
