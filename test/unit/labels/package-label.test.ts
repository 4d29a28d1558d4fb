import { describe, expect, it } from "vitest";
import { textColumns } from "../../../labels/east-asian-width.js";
import type { PackageLabelData } from "../../../labels/label-data.js";
import type { Label } from "../../../labels/layout.js";
import { labelBook, packageData } from "../../helpers/label-fixtures.js";

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
