import { describe, expect, it } from "vitest";
import { GlyphCache } from "../../../labels/glyph-cache.js";
import { encodePng } from "../../../labels/png.js";
import { rasterizeLabel } from "../../../labels/raster-label.js";
import { renderSvg } from "../../../labels/render-svg.js";
import { certificateData, labelBook, packageData } from "../../helpers/label-fixtures.js";
import { decodeQrPng } from "../../helpers/qr-decode.js";

const glyphs = new GlyphCache();

describe("previews", () => {
  it("finds a CJK font here (fonts-noto-cjk is a test dependency)", () => {
    expect(glyphs.fontFile).toMatch(/\.(ttc|ttf|otf)$/);
  });

  for (const template of ["package-40x30", "package-60x40"]) {
    it(`${template} PNG decodes to the QR URL`, () => {
      const { label, qrData } = labelBook().packageLabel(template, packageData, false);
      expect(decodeQrPng(encodePng(rasterizeLabel(label, 203, glyphs)))).toBe(qrData);
    });
  }

  for (const template of ["cert-100x70", "cert-80x60", "cert-50x30", "cert-receipt-58", "cert-receipt-80"]) {
    it(`${template} PNG decodes and the title glyphs are drawn`, () => {
      const { label, qrData } = labelBook().certificateLabel(
        template,
        { ...certificateData, style: "buyer" },
        false,
      );
      const bitmap = rasterizeLabel(label, 203, glyphs);
      expect(decodeQrPng(encodePng(bitmap))).toBe(qrData);
      const title = glyphs.get("承", 48);
      expect(title.data.some((b) => b !== 0)).toBe(true);
    });
  }

  it("test page PNG decodes to the station URL", () => {
    const { label, qrData } = labelBook().testPage("p1", Date.UTC(2026, 10, 22));
    expect(qrData).toBe("http://trace.example.cn/t/TEST");
    expect(decodeQrPng(encodePng(rasterizeLabel(label, 203, glyphs)))).toBe(qrData);
    expect(label.elements.some((e) => e.kind === "text" && e.text === "打印测试")).toBe(true);
  });

  it("SVG keeps the Chinese text and escapes markup", () => {
    const { label } = labelBook().packageLabel(
      "package-60x40",
      { ...packageData, productName: "<西瓜&>" },
      false,
    );
    const svg = renderSvg(label);
    expect(svg).toContain("&#60;西瓜&#38;&#62;");
    expect(svg).toContain("Noto Sans CJK SC");
  });
});
