import { describe, expect, it } from "vitest";
import {
  matchesRegistrationSuffix,
  registrationSuffixFromLabelQr,
} from "../../../edge/domain/codes/pesticide-label-qr.js";

describe("pesticide label QR (32 digits, registration digits in positions 2–7)", () => {
  it("reads the six registration digits from the bare code or a URL", () => {
    const code = "1080005123456789012345678901234X".replace("X", "5");
    expect(code).toHaveLength(32);
    expect(registrationSuffixFromLabelQr(code)).toBe("080005");
    expect(registrationSuffixFromLabelQr(`http://nyxx.example.cn/a?code=${code}`)).toBe("080005");
  });
  it("finds nothing in other content", () => {
    expect(registrationSuffixFromLabelQr("PD20080005")).toBeUndefined();
    expect(registrationSuffixFromLabelQr("1".repeat(31))).toBeUndefined();
  });
  it("matches registration numbers by their last six digits", () => {
    expect(matchesRegistrationSuffix("PD20080005", "080005")).toBe(true);
    expect(matchesRegistrationSuffix("PD20080006", "080005")).toBe(false);
    expect(matchesRegistrationSuffix(null, "080005")).toBe(false);
  });
});
