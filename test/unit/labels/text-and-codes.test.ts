import { describe, expect, it } from "vitest";
import { textColumns, wrapColumns } from "../../../labels/east-asian-width.js";
import { isGb2312 } from "../../../labels/gbk.js";
import { buildQrUrl, normalizeGtin } from "../../../labels/qr-url.js";
import { labelSettings } from "../../helpers/label-fixtures.js";

describe("East-Asian width and GB 2312", () => {
  it("counts hanzi and GBK symbols as two columns", () => {
    expect(textColumns("西红柿 1.5kg")).toBe(6 + 6);
    expect(textColumns("√□°")).toBe(6);
  });

  it("wraps Chinese anywhere and Latin at spaces", () => {
    expect(wrapColumns("一二三四五", 4)).toEqual(["一二", "三四", "五"]);
    expect(wrapColumns("hello big world", 9)).toEqual(["hello big", "world"]);
    // A closing mark never starts a line: the hanzi before it comes along.
    expect(wrapColumns("一二三；四五", 6)).toEqual(["一二", "三；四", "五"]);
  });

  it("tells GB 2312 from the rest of GBK", () => {
    expect(isGb2312("西")).toBe(true);
    expect(isGb2312("√")).toBe(true);
    expect(isGb2312("堃")).toBe(false);
    expect(isGb2312("𬌗")).toBe(false);
  });
});

describe("QR URL", () => {
  it("checks the GTIN check digit", () => {
    expect(normalizeGtin("6901234567892")).toBe("06901234567892");
    expect(() => normalizeGtin("6901234567893")).toThrow(/校验位/);
  });

  it("percent-encodes values and refuses non-ASCII templates", () => {
    expect(buildQrUrl(labelSettings.qr, { code: "A B", lot: "L" })).toBe("http://trace.example.cn/t/A%20B");
    expect(() =>
      buildQrUrl({ ...labelSettings.qr, baseUrl: "http://追溯.cn" }, { code: "A", lot: "L" }),
    ).toThrow(/ASCII/);
  });

  it("drops the serial segment of a Digital Link without a serial", () => {
    expect(buildQrUrl(labelSettings.qr, { code: "L1", lot: "L1", gtin: "06901234567892" })).toBe(
      "http://trace.example.cn/01/06901234567892/10/L1",
    );
  });
});
