import { describe, expect, it } from "vitest";
import { buyerIdKind, checkBuyerId, checkPhone } from "../../../edge/shipments/buyer-checks.js";
import { serialsFromScan } from "../../../edge/shipments/package-scan.js";
import { checkPlate } from "../../../edge/shipments/vehicle-plate.js";

describe("buyer identity and contact", () => {
  it("tells a credit code from an ID number and checks each one's check character", () => {
    expect(buyerIdKind("11010519491231002X")).toBe("id_card");
    expect(buyerIdKind("91350100705432128G")).toBe("credit_code");
    expect(checkBuyerId("id_card", "11010519491231002X")).toEqual({ ok: true });
    expect(checkBuyerId("id_card", "110105194912310021")).toMatchObject({ ok: false });
    expect(checkBuyerId("credit_code", "91350100705432128G")).toEqual({ ok: true });
    expect(checkBuyerId("credit_code", "91350100705432128H")).toMatchObject({ ok: false });
    // I, O, Z, S, V are not in the GB 32100 character set.
    expect(checkBuyerId("credit_code", "9135010070543212OG")).toMatchObject({ ok: false });
  });

  it("accepts mobiles and landlines as people type them, and refuses the rest", () => {
    for (const ok of [
      "13800138000",
      "+86 138 0013 8000",
      "0086-13800138000",
      "0591-87654321",
      "010 12345678",
      "0591-87654321-802",
    ]) {
      expect(checkPhone(ok), ok).toEqual({ ok: true });
    }
    for (const bad of ["1380013800", "12800138000", "87654321", "591-87654321", "电话"]) {
      expect(checkPhone(bad).ok, bad).toBe(false);
    }
  });

  it("checks a mainland plate, new-energy and trailer forms included", () => {
    for (const ok of ["闽A12345", "闽 A·12345", "粤BD12345", "京A1234挂", "沪ab123c"])
      expect(checkPlate(ok).ok, ok).toBe(true);
    for (const bad of ["A12345", "闽A1234", "闽AI2345", "港A12345"])
      expect(checkPlate(bad).ok, bad).toBe(false);
  });
});

describe("a package label's scan", () => {
  const lot = "ST01-261122-0007-K";
  it("names the package from its Digital Link, the trace URL or the typed serial", () => {
    expect(serialsFromScan(`https://trace.example.cn/01/06901234567892/10/${lot}/21/012`)).toEqual([
      `${lot}-012`,
      "012",
    ]);
    expect(serialsFromScan(`https://trace.example.cn/01/06901234567892/10/${lot}/21/7?3103=005200`)).toEqual([
      `${lot}-007`,
      "7",
    ]);
    expect(serialsFromScan(`http://station.local:8080/t/${lot}-012`)).toEqual([`${lot}-012`]);
    expect(serialsFromScan(` ${lot}-012 `)).toEqual([`${lot}-012`]);
    expect(serialsFromScan("https://example.com/01/06901234567892/10/A17")).toEqual([]);
    expect(serialsFromScan("")).toEqual([]);
  });
});
