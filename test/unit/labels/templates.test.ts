import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LabelBook } from "../../../labels/label-book.js";
import { BUILTIN_TEMPLATES_DIR, loadTemplates } from "../../../labels/template.js";
import { labelBook, labelSettings, packageData } from "../../helpers/label-fixtures.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const texts = (book: LabelBook, template = "package-60x40") =>
  book
    .packageLabel(template, packageData, false)
    .label.elements.flatMap((e) => (e.kind === "text" ? [e.text] : []))
    .join("\n");

describe("templates are the owner's data", () => {
  it("ships every size the issue names, each valid", () => {
    const ids = [...loadTemplates([BUILTIN_TEMPLATES_DIR]).keys()].sort();
    expect(ids).toEqual([
      "cert-100x70",
      "cert-50x30",
      "cert-80x60",
      "cert-receipt-58",
      "cert-receipt-80",
      "package-40x30",
      "package-60x40",
      "test-page",
    ]);
  });

  it("hidden fields disappear with their rows; the logo line comes from settings", () => {
    expect(texts(labelBook())).toContain("产地：山东省寿光市");
    const hidden = texts(labelBook({ hiddenFields: ["origin", "grade"], logoLine: "有机产品" }));
    expect(hidden).not.toContain("产地");
    expect(hidden).not.toContain("等级");
    expect(hidden).toContain("有机产品");
  });

  it("a template in the owner's directory overrides the built-in one by id", () => {
    dir = mkdtempSync(join(tmpdir(), "trace-templates-"));
    writeFileSync(
      join(dir, "package-60x40.json"),
      JSON.stringify({
        id: "package-60x40",
        kind: "package",
        widthMm: 60,
        heightMm: 40,
        items: [
          { type: "text", x: 2, y: 2, size: 3, text: "自家品牌 {productName} {quantity}" },
          { type: "qr", x: 38, y: 2, size: 20 },
        ],
      }),
    );
    const book = new LabelBook(loadTemplates([BUILTIN_TEMPLATES_DIR, dir]), labelSettings);
    expect(texts(book)).toBe("自家品牌 有机西红柿 12.345 kg");
  });

  it("a broken template is refused with its path and the problem", () => {
    dir = mkdtempSync(join(tmpdir(), "trace-templates-"));
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ id: "bad", kind: "package", widthMm: 60, heightMm: 40, items: [{ type: "txt" }] }),
    );
    expect(() => loadTemplates([dir as string])).toThrow(/bad\.json/);
  });

  it("long text wraps within its lines and ends in an ellipsis", () => {
    const long = labelBook().packageLabel(
      "package-40x30",
      { ...packageData, productName: "特别长的产品名称有机西红柿礼盒装" },
      false,
    );
    const first = long.label.elements.find((e) => e.kind === "text");
    expect(first?.kind === "text" && first.text.endsWith("…")).toBe(true);
  });
});
