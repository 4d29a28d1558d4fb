import { describe, expect, it } from "vitest";
import { encodeEscpos } from "../../../labels/escpos/encode-escpos.js";
import { GlyphCache } from "../../../labels/glyph-cache.js";
import { parseEscpos, stackRasters } from "../../helpers/escpos-stream.js";
import { certificateData, labelBook, packageData } from "../../helpers/label-fixtures.js";
import { decodeQr } from "../../helpers/qr-decode.js";

const glyphs = new GlyphCache();
const base = { dpi: 203, kanjiMode: true, cut: false } as const;

describe("ESC/POS back end", () => {
  it("prints GBK text and a native GS ( k QR carrying the trace URL", () => {
    const { label, qrData } = labelBook().packageLabel("package-60x40", packageData, false);
    expect(qrData).toBe("http://trace.example.cn/t/ST01261122007K-0012");
    const parsed = parseEscpos(encodeEscpos(label, { ...base, mode: "text", qr: "native" }, glyphs));
    expect(parsed.kanjiMode).toBe(true);
    expect(parsed.qrPayloads).toEqual([qrData]);
    const text = parsed.lines.join("\n");
    expect(text).toContain("有机西红柿");
    expect(text).toContain("12.345 kg");
    expect(text).toContain("ST01261122007K");
    expect(text).not.toContain("补打");
  });

  it("prints 承诺达标合格证 with ticks, quantity and the reprint mark", () => {
    const { label } = labelBook().certificateLabel("cert-receipt-58", certificateData, true);
    const parsed = parseEscpos(
      encodeEscpos(label, { ...base, mode: "text", qr: "native", cut: true }, glyphs),
    );
    const text = parsed.lines.join("\n");
    for (const expected of [
      "承诺达标合格证",
      "补打",
      "有机西红柿",
      "120.500 kg",
      "ST01-C-000123",
      "√质量安全控制符合要求",
      "□委托检测合格",
    ]) {
      expect(text).toContain(expected);
    }
    expect(parsed.cuts).toBe(1);
  });

  it("QR as a GS v 0 raster image decodes to the URL", () => {
    const { label, qrData } = labelBook().packageLabel("package-40x30", packageData, false);
    const parsed = parseEscpos(encodeEscpos(label, { ...base, mode: "text", qr: "raster" }, glyphs));
    expect(parsed.qrPayloads).toEqual([]);
    const qrBand = parsed.rasters.filter((r) => r.height > 50);
    const image = stackRasters(qrBand);
    expect(decodeQr(image.rgba, image.width, image.height)).toBe(qrData);
  });

  it("whole-label raster mode: rebuilt image decodes to the URL and carries no text bytes", () => {
    const { label, qrData } = labelBook().certificateLabel("cert-100x70", certificateData, false);
    const parsed = parseEscpos(encodeEscpos(label, { ...base, mode: "raster", qr: "native" }, glyphs));
    expect(parsed.lines.join("")).toBe("");
    expect(parsed.qrPayloads).toEqual([]);
    const image = stackRasters(parsed.rasters);
    expect(image.width).toBe(800 + 32);
    expect(decodeQr(image.rgba, image.width, image.height)).toBe(qrData);
  });

  it("uses GS1 Digital Link when the product has a GTIN", () => {
    const { label, qrData } = labelBook().packageLabel(
      "package-60x40",
      { ...packageData, gtin: "6901234567892" },
      false,
    );
    expect(qrData).toBe("http://trace.example.cn/01/06901234567892/10/ST01261122007K/21/0012");
    expect(
      parseEscpos(encodeEscpos(label, { ...base, mode: "text", qr: "native" }, glyphs)).qrPayloads,
    ).toEqual([qrData]);
  });
});
