import { describe, expect, it } from "vitest";
import { GlyphCache } from "../../../labels/glyph-cache.js";
import { encodeTspl } from "../../../labels/tspl/encode-tspl.js";
import { quote } from "../../../labels/tspl/tspl-builder.js";
import { certificateData, labelBook, packageData } from "../../helpers/label-fixtures.js";
import { parseTspl } from "../../helpers/tspl-stream.js";

const glyphs = new GlyphCache();
const options = { dpi: 203, gapMm: 2, direction: 1, copies: 1 } as const;

describe("TSPL back end", () => {
  it("sets up the label, prints GBK TEXT in TSS24.BF2 and the QR payload", () => {
    const { label, qrData } = labelBook().packageLabel("package-60x40", packageData, false);
    const commands = parseTspl(encodeTspl(label, options, glyphs));
    expect(commands.slice(0, 4).map((c) => [c.name, ...c.args].join(" "))).toEqual([
      "SIZE 60 mm 40 mm",
      "GAP 2 mm 0 mm",
      "DIRECTION 1",
      "CLS",
    ]);
    expect(commands.at(-1)?.name).toBe("PRINT");
    const texts = commands.filter((c) => c.name === "TEXT");
    expect(texts.every((t) => t.args[2] === "TSS24.BF2")).toBe(true);
    const contents = texts.map((t) => t.args[6]).join("\n");
    expect(contents).toContain("有机西红柿");
    expect(contents).toContain("12.345 kg");
    const qr = commands.filter((c) => c.name === "QRCODE");
    expect(qr.map((c) => c.args[6])).toEqual([qrData]);
    expect(commands.filter((c) => c.name === "BITMAP")).toEqual([]);
  });

  it("sends a character outside GB 2312 to a BITMAP, keeps the rest as TEXT", () => {
    const { label } = labelBook().certificateLabel(
      "cert-100x70",
      { ...certificateData, issuer: "王堃家庭农场" },
      false,
    );
    const commands = parseTspl(encodeTspl(label, options, glyphs));
    const contents = commands.filter((c) => c.name === "TEXT").map((t) => t.args[6]);
    expect(contents).toContain("承诺达标合格证");
    expect(contents).toContain("开具主体：王");
    expect(contents).toContain("家庭农场");
    expect(contents.join("")).not.toContain("堃");
    const bitmaps = commands.filter((c) => c.name === "BITMAP");
    expect(bitmaps).toHaveLength(1);
    // 24 dots high, one hanzi (3 bytes wide); some dots printed (TSPL 0 bits).
    expect(bitmaps[0]?.args.slice(2, 4)).toEqual(["3", "24"]);
    expect([...(bitmaps[0]?.data ?? [])].some((b) => b !== 0xff)).toBe(true);
  });

  it("quotes double quotes the TSPL way", () => {
    expect(quote('say "hi"')).toBe('"say \\["]hi\\["]"');
    const { label } = labelBook().packageLabel(
      "package-40x30",
      { ...packageData, productName: '"A"级 西瓜' },
      false,
    );
    const texts = parseTspl(encodeTspl(label, options, glyphs)).filter((c) => c.name === "TEXT");
    expect(texts.map((t) => t.args[6])).toContain('"A"级 西瓜');
  });
});
