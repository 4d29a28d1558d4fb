import { createBitmap } from "../bitmap.js";
import { charColumns, textColumns } from "../east-asian-width.js";
import { isGb2312 } from "../gbk.js";
import type { GlyphCache } from "../glyph-cache.js";
import { fontMultiplier, type Label, type TextElement, toDots } from "../layout.js";
import { QR_ECC, qrMatrix } from "../qr-matrix.js";
import { blit } from "../raster-label.js";
import { TsplBuilder } from "./tspl-builder.js";

export interface TsplOptions {
  dpi: number;
  gapMm: number;
  direction: 0 | 1;
  copies: number;
}

/** TSS24.BF2: the GB 2312 font of Chinese-market TSPL printers, 24×24 hanzi and 12×24 ASCII. */
export const TSPL_CHINESE_FONT = "TSS24.BF2";

/**
 * Label → TSPL. Text in GB 2312 goes to TEXT with TSS24.BF2; a run of characters outside
 * GB 2312 (e.g. rarer name characters such as 堃 or 喆, which GBK has but the printer font
 * lacks) is drawn from our glyphs as a BITMAP in its place, so the line keeps its positions.
 */
export function encodeTspl(label: Label, options: TsplOptions, glyphs: GlyphCache): Buffer {
  const { dpi } = options;
  const tspl = new TsplBuilder()
    .size(label.widthMm, label.heightMm)
    .gap(label.continuous ? 0 : options.gapMm)
    .direction(options.direction)
    .cls();
  for (const el of label.elements) {
    switch (el.kind) {
      case "text":
        text(tspl, el, dpi, glyphs);
        break;
      case "qr": {
        const cell = Math.max(1, Math.min(10, Math.floor(toDots(el.size, dpi) / qrMatrix(el.data).size)));
        tspl.qrcode(toDots(el.x, dpi), toDots(el.y, dpi), QR_ECC, cell, el.data);
        break;
      }
      case "rule":
        tspl.bar(
          toDots(el.x, dpi),
          toDots(el.y, dpi),
          toDots(el.length, dpi),
          Math.max(1, toDots(el.thickness, dpi)),
        );
        break;
      case "box":
        tspl.box(
          toDots(el.x, dpi),
          toDots(el.y, dpi),
          toDots(el.x + el.width, dpi),
          toDots(el.y + el.height, dpi),
          Math.max(1, toDots(el.thickness, dpi)),
        );
        break;
    }
  }
  return tspl.print(1, options.copies).toBuffer();
}

/** Split text into runs the printer font has (GB 2312) and runs it lacks. */
export function gb2312Runs(text: string): { text: string; inFont: boolean }[] {
  const runs: { text: string; inFont: boolean }[] = [];
  for (const char of text) {
    const inFont = isGb2312(char);
    const last = runs[runs.length - 1];
    if (last && last.inFont === inFont) last.text += char;
    else runs.push({ text: char, inFont });
  }
  return runs;
}

function text(tspl: TsplBuilder, el: TextElement, dpi: number, glyphs: GlyphCache): void {
  const m = fontMultiplier(el.size, dpi);
  let x = toDots(el.x, dpi);
  const y = toDots(el.y, dpi);
  for (const run of gb2312Runs(el.text)) {
    const width = textColumns(run.text) * 12 * m;
    // TSS24.BF2 has no bold: strike twice, one dot apart, as the printer's own emphasis does.
    const strikes = el.bold ? [0, 1] : [0];
    if (run.inFont) {
      for (const dx of strikes) tspl.text(x + dx, y, TSPL_CHINESE_FONT, m, run.text);
    } else {
      const image = createBitmap(width + strikes.length - 1, 24 * m);
      let gx = 0;
      for (const char of run.text) {
        const glyph = glyphs.get(char, 24 * m);
        for (const dx of strikes) blit(image, glyph, gx + dx, 0);
        gx += charColumns(char) * 12 * m;
      }
      tspl.bitmap(x, y, image);
    }
    x += width;
  }
}
