import { describe, expect, it } from "vitest";
import { addDays, daysBetween, localDay, yymmdd } from "../../../edge/core/local-day.js";
import { toKg } from "../../../edge/core/mass-units.js";
import { classifyCode } from "../../../edge/domain/batches/incoming-lots.js";
import { screenResult } from "../../../edge/domain/tests/test-records.js";

const thresholds = [
  { method: "GB/T 5009.199-2003", aliases: ["enzyme-inhibition"], covers: [], positiveAtOrAbove: 50 },
  { method: "NY/T 448", aliases: [], covers: [], positiveAtOrAbove: 35 },
];

describe("screen results (GB/T 5009.199-2003: inhibition ≥ 50 % positive)", () => {
  it("derives the result from the method's threshold, at the boundary too", () => {
    expect(screenResult(thresholds, "GB/T 5009.199-2003", 50, undefined)).toEqual({
      result: "positive",
      threshold: 50,
    });
    expect(screenResult(thresholds, "enzyme-inhibition", 49.9, undefined).result).toBe("negative");
    expect(screenResult(thresholds, "ny/t 448", 40, undefined)).toEqual({
      result: "positive",
      threshold: 35,
    });
  });
  it("keeps a given result and refuses an unknown method without one", () => {
    expect(screenResult(thresholds, "胶体金", undefined, "negative")).toEqual({
      result: "negative",
      threshold: null,
    });
    expect(() => screenResult(thresholds, "胶体金", 70, undefined)).toThrow(/胶体金/);
  });
});

describe("calendar days in the station's zone", () => {
  it("counts an early-morning application in Shanghai on its local day", () => {
    expect(localDay(Date.parse("2026-05-01T07:00:00+08:00"), "Asia/Shanghai")).toBe("2026-05-01");
    expect(localDay(Date.parse("2026-05-01T07:00:00+08:00"), "UTC")).toBe("2026-04-30");
    expect(yymmdd(Date.parse("2026-12-31T23:30:00+08:00"), "Asia/Shanghai")).toBe("261231");
  });
  it("adds days across month and year ends", () => {
    expect(addDays("2026-04-28", 4)).toBe("2026-05-02");
    expect(addDays("2026-12-30", 28)).toBe("2027-01-27");
    expect(daysBetween("2026-05-01", "2026-05-21")).toBe(20);
  });
});

describe("scale units and scanned codes", () => {
  it("converts weights to kilograms", () => {
    expect(toKg(5200, "g")).toBe(5.2);
    expect(toKg(1.5, "t")).toBe(1500);
    expect(toKg(10, "lb")).toBe(4.535924);
  });
  it("guesses what a scanned code is, never refusing one", () => {
    expect(classifyCode("https://id.gs1.org/01/06901234567892/10/ABC")).toBe("gs1_digital_link");
    expect(classifyCode("https://trace.example.cn/t/123")).toBe("url");
    expect(classifyCode("12345678901234567890")).toBe("national_trace_code");
    expect(classifyCode("ST02-HG000123-K")).toBe("certificate_number");
    expect(classifyCode("ST02-260501-0001-7")).toBe("lot_code");
    expect(classifyCode("随便什么")).toBe("other");
  });
});
