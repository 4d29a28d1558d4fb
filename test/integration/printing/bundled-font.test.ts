import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { type Bitmap, getPixel } from "../../../labels/bitmap.js";
import { CJK_FONT_CANDIDATES } from "../../../labels/fonts.js";
import { GlyphCache } from "../../../labels/glyph-cache.js";
import { rasterizeLabel } from "../../../labels/raster-label.js";
import { labelBook, labelSettings, packageData } from "../../helpers/label-fixtures.js";
import { decodeQrPng } from "../../helpers/qr-decode.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Incident: on a machine with no system fonts, label previews lost all their text (weight, lot
 * and serial too, not just the Chinese). The built station renders a package label in a mount
 * namespace where /usr/share/fonts is an empty tmpfs; its preview must match the rendering with
 * the system's Noto Sans CJK (the font in the box is a GBK subset of it), and must not look like
 * the blank rendering of no font at all.
 */
const work = tempDir("bundled-font");
afterAll(() => removeDir(work));

const REFERENCE = CJK_FONT_CANDIDATES[0] as string;
const DIST = resolve("dist");
/** 喆 and 玥 are outside GB 2312: a GB 2312 subset would leave them blank. */
const data = { ...packageData, productName: "有机西红柿", origin: "山东寿光 王喆 李玥" };

const CHILD = `
import { writeFileSync } from "node:fs";
const { LabelBook } = await import("${DIST}/labels/label-book.js");
const { BUILTIN_TEMPLATES_DIR, loadTemplates } = await import("${DIST}/labels/template.js");
const { GlyphCache } = await import("${DIST}/labels/glyph-cache.js");
const { rasterizeLabel } = await import("${DIST}/labels/raster-label.js");
const { encodePng } = await import("${DIST}/labels/png.js");
const [settings, data, out] = JSON.parse(process.env.LABEL_JOB);
const book = new LabelBook(loadTemplates([BUILTIN_TEMPLATES_DIR]), settings);
const glyphs = new GlyphCache();
writeFileSync(out, encodePng(rasterizeLabel(book.packageLabel("package-60x40", data, false).label, 203, glyphs)));
process.stdout.write(String(glyphs.fontFile));
`;

function countBlack(bitmap: Bitmap): number {
  let n = 0;
  for (let y = 0; y < bitmap.height; y++)
    for (let x = 0; x < bitmap.width; x++) if (getPixel(bitmap, x, y)) n++;
  return n;
}

function blackFraction(png: PNG, reference: Bitmap): number {
  let differ = 0;
  let black = 0;
  for (let y = 0; y < reference.height; y++) {
    for (let x = 0; x < reference.width; x++) {
      const dark = (png.data[(y * png.width + x) * 4] ?? 255) < 128;
      const ref = getPixel(reference, x, y);
      if (ref) black++;
      if (dark !== ref) differ++;
    }
  }
  return differ / black;
}

describe("the font in the box", () => {
  it("a package label's preview on a machine with no fonts has legible Chinese, lot and weight", () => {
    expect(existsSync(REFERENCE), `reference font ${REFERENCE} (fonts-noto-cjk)`).toBe(true);
    const out = join(work, "preview.png");
    const script = join(work, "render.mjs");
    writeFileSync(script, CHILD);
    const r = spawnSync(
      "unshare",
      [
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        'mount -t tmpfs none /usr/share/fonts && exec "$0" "$1"',
        process.execPath,
        script,
      ],
      { encoding: "utf8", env: { ...process.env, LABEL_JOB: JSON.stringify([labelSettings, data, out]) } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/labels\/fonts\/NotoSansSC-GBK\.otf$/);

    const bytes = readFileSync(out);
    const built = labelBook().packageLabel("package-60x40", data, false);
    expect(decodeQrPng(bytes)).toBe(built.qrData);
    const preview = PNG.sync.read(bytes);
    const reference = rasterizeLabel(built.label, 203, new GlyphCache(REFERENCE));
    const blank = rasterizeLabel(built.label, 203, new GlyphCache(join(work, "no-font.ttf")));
    expect(preview.width).toBe(reference.width);
    // The system's NotoSansCJK-Regular.ttc opens at its first face (JP), whose full-width colon
    // and some glyph forms sit differently from the SC outlines in the box, and which shifts the
    // rest of a row: compare dots per text element, which shows every glyph is drawn.
    expect(blackFraction(preview, reference)).toBeLessThan(0.05);
    const bundled = new GlyphCache(resolve("labels/fonts/NotoSansSC-GBK.otf"));
    const system = new GlyphCache(REFERENCE);
    for (const element of built.label.elements) {
      if (element.kind !== "text" || element.text.trim() === "") continue;
      const one = { ...built.label, elements: [element] };
      const ours = countBlack(rasterizeLabel(one, 203, bundled));
      const theirs = countBlack(rasterizeLabel(one, 203, system));
      expect(ours / theirs, element.text).toBeGreaterThan(0.85);
      expect(ours / theirs, element.text).toBeLessThan(1.15);
    }
    // The check can fail: without a font the text area is empty and most black dots differ.
    const blankPng = new PNG({ width: blank.width, height: blank.height });
    for (let y = 0; y < blank.height; y++)
      for (let x = 0; x < blank.width; x++)
        blankPng.data[(y * blank.width + x) * 4] = getPixel(blank, x, y) ? 0 : 255;
    expect(blackFraction(blankPng, reference)).toBeGreaterThan(0.3);
  });
});
