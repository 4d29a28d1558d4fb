import { describe, expect, it } from "vitest";
import { checkGtin, gtinCheckDigit } from "../../../edge/core/gtin.js";
import { checkGreenFoodCode, checkOrganicCode } from "../../../edge/domain/codes/certification-codes.js";
import { checkCreditCode, creditCodeCheckChar } from "../../../edge/domain/codes/credit-code.js";
import {
  checkLotCode,
  formatCertificateNumber,
  formatLotCode,
  mod3736CheckChar,
  mod3736Verify,
} from "../../../edge/domain/codes/lot-code.js";
import {
  checkRegistrationNumber,
  registrationStatus,
} from "../../../edge/domain/codes/registration-number.js";
import {
  checkIdCardNumber,
  checkLicenceNumber,
  checkSubjectId,
} from "../../../edge/domain/codes/subject-id.js";

describe("统一社会信用代码 (GB 32100)", () => {
  it("accepts real codes with a correct check character", () => {
    for (const code of ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"]) {
      expect(checkCreditCode(code)).toEqual({ ok: true });
    }
  });
  it("computes the mod-31 check character", () => {
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
  });
  it("refuses a wrong check character, naming the right one", () => {
    const r = checkCreditCode("91350100M000100Y44");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("3");
  });
  it("refuses I, O, Z, S, V and wrong lengths", () => {
    expect(checkCreditCode("91350100M000100I43").ok).toBe(false);
    expect(checkCreditCode("91350100M000100O43").ok).toBe(false);
    expect(checkCreditCode("9135010M000100Y43").ok).toBe(false);
    expect(checkCreditCode("").ok).toBe(false);
  });
});

describe("licence and ID number alternatives", () => {
  it("accepts a 15-digit licence number and refuses other shapes", () => {
    expect(checkLicenceNumber("350100100012345").ok).toBe(true);
    expect(checkLicenceNumber("35010010001234").ok).toBe(false);
    expect(checkLicenceNumber("35010010001234X").ok).toBe(false);
  });
  it("checks the ID number's mod 11-2 character (GB 11643 example)", () => {
    expect(checkIdCardNumber("11010519491231002X").ok).toBe(true);
    expect(checkIdCardNumber("110105194912310021").ok).toBe(false);
    expect(checkIdCardNumber("11010519491231002").ok).toBe(false);
  });
  it("dispatches by kind", () => {
    expect(checkSubjectId("credit_code", "91350100M000100Y43").ok).toBe(true);
    expect(checkSubjectId("id_card", "91350100M000100Y43").ok).toBe(false);
  });
});

describe("GTIN (mod 10, weights 3,1 from the right)", () => {
  it("accepts GTIN-8, -12, -13 and -14", () => {
    for (const g of ["96385074", "036000291452", "4006381333931", "6901234567892", "10012345678902"]) {
      expect(checkGtin(g), g).toEqual({ ok: true });
    }
  });
  it("computes the check digit", () => {
    expect(gtinCheckDigit("400638133393")).toBe(1);
    expect(gtinCheckDigit("690123456789")).toBe(2);
  });
  it("refuses a wrong check digit, letters and other lengths", () => {
    expect(checkGtin("4006381333932").ok).toBe(false);
    expect(checkGtin("400638133393A").ok).toBe(false);
    expect(checkGtin("40063813339").ok).toBe(false);
    expect(checkGtin("123456789012345").ok).toBe(false);
  });
});

describe("pesticide registration number", () => {
  it("accepts PD + year + 4-digit sequence without a warning", () => {
    expect(checkRegistrationNumber("PD20080005")).toEqual({ ok: true });
    expect(checkRegistrationNumber("pd20182345")).toEqual({ ok: true });
    expect(registrationStatus("PD20080005")).toBe("valid");
  });
  it("accepts LS, WP, WL and legacy forms with a warning", () => {
    for (const n of ["LS20120001", "WP20090123", "WL20150001", "PDN2-88", "PD84104"]) {
      const r = checkRegistrationNumber(n);
      expect(r.ok, n).toBe(true);
      if (r.ok) expect(r.warning, n).toBeTruthy();
    }
    expect(registrationStatus("PDN2-88")).toBe("legacy");
  });
  it("refuses anything else", () => {
    for (const n of ["PD2008005", "XX20080005", "PD1850000", "PD20080005X", "20080005", "PD-2008-0005"]) {
      expect(checkRegistrationNumber(n).ok, n).toBe(false);
    }
    expect(registrationStatus("nonsense")).toBe("invalid");
    expect(registrationStatus(undefined)).toBe("none");
  });
});

describe("绿色食品 and 有机码", () => {
  it("accepts GF + 12 digits only", () => {
    expect(checkGreenFoodCode("GF350100123456").ok).toBe(true);
    expect(checkGreenFoodCode("GF35010012345").ok).toBe(false);
    expect(checkGreenFoodCode("GX350100123456").ok).toBe(false);
    expect(checkGreenFoodCode("gf350100123456").ok).toBe(false);
  });
  it("accepts 17 digits only", () => {
    expect(checkOrganicCode("12345678901234567").ok).toBe(true);
    expect(checkOrganicCode("1234567890123456").ok).toBe(false);
    expect(checkOrganicCode("1234567890123456A").ok).toBe(false);
  });
});

describe("lot code and ISO 7064 MOD 37,36 check character", () => {
  it("formats station + day + sequence + check and verifies it", () => {
    const lot = formatLotCode("ST01", "260501", 1);
    expect(lot).toMatch(/^ST01-260501-0001-[0-9A-Z]$/);
    expect(checkLotCode(lot)).toEqual({ ok: true });
    expect(mod3736Verify(`ST012605010001${lot.slice(-1)}`)).toBe(true);
  });
  it("catches every single substitution and adjacent transposition of a lot body", () => {
    const body = "ST012605010042";
    const check = mod3736CheckChar(body);
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (let i = 0; i < body.length; i++) {
      for (const c of alphabet) {
        if (c === body[i]) continue;
        const mutated = body.slice(0, i) + c + body.slice(i + 1);
        expect(mod3736Verify(mutated + check), mutated).toBe(false);
      }
      if (i + 1 < body.length && body[i] !== body[i + 1]) {
        const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        expect(mod3736Verify(swapped + check), swapped).toBe(false);
      }
    }
  });
  it("refuses a mistyped lot and a malformed one", () => {
    const lot = formatLotCode("ST01", "260501", 7);
    const wrong = `${lot.slice(0, -1)}${lot.endsWith("0") ? "1" : "0"}`;
    expect(checkLotCode(wrong).ok).toBe(false);
    expect(checkLotCode("ST01-26051-0001-7").ok).toBe(false);
    expect(checkLotCode("st01-260501-0001-7").ok).toBe(false);
  });
  it("numbers certificates with the same check character", () => {
    const n = formatCertificateNumber("ST01", 1);
    expect(n).toMatch(/^ST01-HG000001-[0-9A-Z]$/);
    expect(mod3736Verify(n.replaceAll("-", ""))).toBe(true);
  });
});
