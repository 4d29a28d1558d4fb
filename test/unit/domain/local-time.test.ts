import { describe, expect, it } from "vitest";
import { isValidTimeZone, parseLocalTime } from "../../../edge/domain/local-time.js";

describe("typed times read in the station's zone", () => {
  it("reads a time without offset as wall-clock time of the zone, never UTC", () => {
    expect(parseLocalTime("2026-05-03 07:00", "Asia/Shanghai")).toBe(Date.parse("2026-05-03T07:00:00+08:00"));
    expect(parseLocalTime("2026-05-03T07:00", "Asia/Shanghai")).toBe(Date.parse("2026-05-03T07:00:00+08:00"));
    expect(parseLocalTime("2026-05-03", "Asia/Shanghai")).toBe(Date.parse("2026-05-03T00:00:00+08:00"));
    expect(parseLocalTime("2026-05-03 23:59:59.5", "Asia/Urumqi")).toBe(
      Date.parse("2026-05-03T23:59:59.500+06:00"),
    );
  });

  it("keeps explicit offsets and epoch milliseconds as given", () => {
    expect(parseLocalTime("2026-05-03T07:00:00Z", "Asia/Shanghai")).toBe(Date.parse("2026-05-03T07:00:00Z"));
    expect(parseLocalTime("2026-05-03T07:00:00+02:00", "Asia/Shanghai")).toBe(
      Date.parse("2026-05-03T07:00:00+02:00"),
    );
    expect(parseLocalTime("1777777777000", "Asia/Shanghai")).toBe(1777777777000);
  });

  it("follows daylight saving time in zones that have it", () => {
    expect(parseLocalTime("2026-07-01 12:00", "Europe/Berlin")).toBe(Date.parse("2026-07-01T12:00:00+02:00"));
    expect(parseLocalTime("2026-01-01 12:00", "Europe/Berlin")).toBe(Date.parse("2026-01-01T12:00:00+01:00"));
  });

  it("refuses what is not a time, and unknown zones", () => {
    expect(parseLocalTime("May 3rd", "Asia/Shanghai")).toBeNaN();
    expect(parseLocalTime("2026-02-30 08:00", "Asia/Shanghai")).toBeNaN();
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("Asia/Shanghia")).toBe(false);
  });
});
