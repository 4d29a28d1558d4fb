import { describe, expect, it } from "vitest";
import { textColumns } from "../../../labels/east-asian-width.js";
import { GlyphCache } from "../../../labels/glyph-cache.js";
import type { PackageLabelData } from "../../../labels/label-data.js";
import type { Label } from "../../../labels/layout.js";
import { encodePng } from "../../../labels/png.js";
import { rasterizeLabel } from "../../../labels/raster-label.js";
import { labelBook, packageData } from "../../helpers/label-fixtures.js";
import { decodeQrPng } from "../../helpers/qr-decode.js";

/** Issue 11 §7: producer and phone, 包装日期, no blank rows, nothing clipped. */
const full: PackageLabelData = {
  ...packageData,
  producer: "寿光市蔬菜种植专业合作社",
  phone: "0536-1234567",
};

const texts = (label: Label) => label.elements.flatMap((e) => (e.kind === "text" ? [e] : []));

/** Every text row fits its label (printer widths: a CJK glyph is as wide as its height). */
function expectFits(label: Label): void {
  for (const t of texts(label)) {
    expect(t.text, t.text).not.toMatch(/…$/);
    expect(t.x + textColumns(t.text) * (t.size / 2), t.text).toBeLessThanOrEqual(label.widthMm + 1e-9);
    expect(t.y + t.size, t.text).toBeLessThanOrEqual(label.heightMm + 1e-9);
  }
}

/**
 * Rows of one block (above or below the rule) follow each other at one row pitch: no gap a
 * skipped row left. Beside the QR the upper block may end early; it is the QR's space.
 */
function expectNoBlankRows(label: Label, x: number, pitch: number, ruleY: number): void {
  for (const block of [(y: number) => y < ruleY, (y: number) => y > ruleY]) {
    const ys = texts(label)
      .filter((t) => t.x === x && t.size === 3 && block(t.y))
      .map((t) => t.y)
      .sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) {
      expect((ys[i] ?? 0) - (ys[i - 1] ?? 0), `rows at ${ys.join(", ")}`).toBeCloseTo(pitch, 5);
    }
  }
}

describe("package label 60×40", () => {
  it("says who packed it and how to call them, and 包装日期, all fitting", () => {
    const { label } = labelBook().packageLabel("package-60x40", full, false);
    const lines = texts(label).map((t) => t.text);
    expect(lines).toContain("包装日期：2026-11-22");
    expect(lines).toContain("生产者：寿光市蔬菜种植专业合作社");
    expect(lines).toContain("电话：0536-1234567 绿色食品");
    expect(lines.some((l) => l.startsWith("包装："))).toBe(false);
    expectFits(label);
  });

  it("closes up the rows of fields it does not have", () => {
    const bare: PackageLabelData = {
      serial: "ST01-1-001",
      lot: "ST01-1",
      productName: "番茄",
      netKg: 5.002,
      packedAt: 0,
    };
    const { label } = labelBook({ logoLine: "" }).packageLabel("package-60x40", bare, false);
    expectNoBlankRows(label, 2, 3.75, 22.75);
    const lot = texts(label).find((t) => t.text.startsWith("批次"));
    // Without a producer row the foot starts right under the rule; no phone, no logo: no last row.
    expect(lot?.y).toBeCloseTo(23.5, 5);
    expect(texts(label).at(-1)?.text.startsWith("序号")).toBe(true);
    expectFits(label);
  });

  it("marks a typed weight 手输", () => {
    const { label } = labelBook().packageLabel("package-60x40", { ...full, manual: true }, false);
    expect(texts(label).map((t) => t.text)).toContain("净重：12.345 kg 手输");
    const small = labelBook().packageLabel("package-40x30", { ...full, manual: true }, false).label;
    expect(texts(small).map((t) => t.text)).toContain("12.345 kg 手输");
    expectFits(small);
  });
});

describe("package label 40×30", () => {
  it("says who packed it and how to call them, and 包装日期, all within the label and off the QR", () => {
    const { label, qrData } = labelBook().packageLabel("package-40x30", full, true);
    const lines = texts(label).map((t) => t.text);
    expect(lines).toEqual([
      "有机西红柿",
      "12.345 kg",
      "山东省寿光市",
      "一级",
      "包装日期 2026-11-22",
      "补打",
      "寿光市蔬菜种植专业合作社",
      "电话：0536-1234567",
      "ST01261122007K-0012",
    ]);
    expectFits(label);
    const qr = label.elements.find((e) => e.kind === "qr");
    if (!qr) throw new Error("no QR");
    for (const t of texts(label)) {
      const right = t.x + textColumns(t.text) * (t.size / 2);
      const beside = t.y < qr.y + qr.size && t.y + t.size > qr.y;
      if (beside) expect(right, t.text).toBeLessThanOrEqual(qr.x);
    }
    const bitmap = rasterizeLabel(label, 203, new GlyphCache());
    expect(decodeQrPng(encodePng(bitmap))).toBe(qrData);
  });

  it("prints the longest serial whole: a 20-character lot (GS1 AI 10) and a four-digit sequence", () => {
    const lot = "ST0123-261202-0001-T";
    const { label } = labelBook().packageLabel(
      "package-40x30",
      { ...full, lot, serial: `${lot}-1000` },
      false,
    );
    expect(texts(label).map((t) => t.text)).toContain(`${lot}-1000`);
    expectFits(label);
  });

  it("closes up the rows of fields it does not have", () => {
    const bare: PackageLabelData = {
      serial: "ST01-1-001",
      lot: "ST01-1",
      productName: "番茄",
      netKg: 5.002,
      packedAt: 0,
    };
    const { label } = labelBook().packageLabel("package-40x30", bare, false);
    expectNoBlankRows(label, 1, 3.75, 15);
    expect(texts(label).map((t) => [t.text, t.y])).toEqual([
      ["番茄", 0.5],
      ["5.002 kg", 4.25],
      ["包装日期 1970-01-01", 15.25],
      ["ST01-1-001", 19],
    ]);
    expectFits(label);
  });
});
