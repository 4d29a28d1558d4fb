import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LabelBook } from "../../../labels/label-book.js";
import { BUILTIN_TEMPLATES_DIR, loadTemplates } from "../../../labels/template.js";
import { certificateData, labelBook, labelSettings, packageData } from "../../helpers/label-fixtures.js";

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
          { type: "text", x: 2, y: 2, size: 3, width: 44, text: "自家品牌 {productName} {quantity}" },
          { type: "qr", x: 46, y: 2, size: 12 },
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

describe("certificate templates always print the content the 2025 order requires", () => {
  const certTexts = (book: LabelBook, template: string, data = certificateData) =>
    book
      .certificateLabel(template, data, true)
      .label.elements.flatMap((e) => (e.kind === "text" ? [e.text] : []))
      .join("\n");
  const long = {
    ...certificateData,
    number: "ST0001-HG000123-Z",
    origin: "山东省潍坊市寿光市古城街道东方村",
  };

  it("every size, 50×30 included, shows the issue date and the whole number", () => {
    const templates = [...loadTemplates([BUILTIN_TEMPLATES_DIR]).values()].filter(
      (t) => t.kind === "certificate",
    );
    expect(templates.map((t) => t.id)).toContain("cert-50x30");
    for (const t of templates) {
      const text = certTexts(labelBook(), t.id, long);
      expect(text, t.id).toContain("ST0001-HG000123-Z");
      expect(text, t.id).toContain("2026-11-22");
      expect(text, t.id).toContain("0536-1234567");
    }
  });

  it("a hidden-field setting cannot hide a required item, and a template that cuts the number is refused", () => {
    const text = certTexts(labelBook({ hiddenFields: ["origin", "issuedDate", "contact"] }), "cert-50x30");
    expect(text).toContain("产地:山东省寿光市");
    expect(text).toContain("2026-11-22");
    dir = mkdtempSync(join(tmpdir(), "trace-templates-"));
    writeFileSync(
      join(dir, "cert-50x30.json"),
      JSON.stringify({
        id: "cert-50x30",
        kind: "certificate",
        widthMm: 50,
        heightMm: 30,
        items: [{ type: "text", x: 1, y: 1, size: 3, width: 20, text: "No.{number} {issuedDate}" }],
      }),
    );
    const book = new LabelBook(loadTemplates([BUILTIN_TEMPLATES_DIR, dir]), labelSettings);
    expect(() => book.certificateLabel("cert-50x30", certificateData, false)).toThrow(/未完整印出编号和日期/);
  });
});
