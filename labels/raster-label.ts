import { type Bitmap, createBitmap, getPixel } from "./bitmap.js";
import type { GlyphCache } from "./glyph-cache.js";
import { type Label, toDots } from "./layout.js";
import { qrMatrix } from "./qr-matrix.js";

/**
 * The whole label as a 1-bit image at the printer's resolution: for raster printing (ESC/POS
 * `GS v 0`, printers without Chinese fonts) and for PNG previews, which therefore show exactly
 * the dots the printer gets. Bold is the printer's own trick: each dot struck twice, one dot apart.
 */
export function rasterizeLabel(label: Label, dpi: number, glyphs: GlyphCache): Bitmap {
  const bitmap = createBitmap(toDots(label.widthMm, dpi), toDots(label.heightMm, dpi));
  const texts = label.elements.filter((e) => e.kind === "text");
  for (const el of texts) glyphs.prepare(el.text, textHeightDots(el.size, dpi));
  for (const el of label.elements) {
    switch (el.kind) {
      case "text": {
        const height = textHeightDots(el.size, dpi);
        let x = toDots(el.x, dpi);
        const y = toDots(el.y, dpi);
        for (const char of el.text) {
          const glyph = glyphs.get(char, height);
          blit(bitmap, glyph, x, y);
          if (el.bold) blit(bitmap, glyph, x + 1, y);
          x += glyph.width;
        }
        break;
      }
      case "qr": {
        const matrix = qrMatrix(el.data);
        const module = Math.max(1, Math.floor(toDots(el.size, dpi) / matrix.size));
        const x0 = toDots(el.x, dpi);
        const y0 = toDots(el.y, dpi);
        for (let row = 0; row < matrix.size; row++) {
          for (let col = 0; col < matrix.size; col++) {
            if (matrix.dark(row, col)) fill(bitmap, x0 + col * module, y0 + row * module, module, module);
          }
        }
        break;
      }
      case "rule":
        fill(
          bitmap,
          toDots(el.x, dpi),
          toDots(el.y, dpi),
          toDots(el.length, dpi),
          Math.max(1, toDots(el.thickness, dpi)),
        );
        break;
      case "box": {
        const x = toDots(el.x, dpi);
        const y = toDots(el.y, dpi);
        const w = toDots(el.width, dpi);
        const h = toDots(el.height, dpi);
        const t = Math.max(1, toDots(el.thickness, dpi));
        fill(bitmap, x, y, w, t);
        fill(bitmap, x, y + h - t, w, t);
        fill(bitmap, x, y, t, h);
        fill(bitmap, x + w - t, y, t, h);
        break;
      }
    }
  }
  return bitmap;
}

export function textHeightDots(sizeMm: number, dpi: number): number {
  return Math.max(8, toDots(sizeMm, dpi));
}

export function fill(bitmap: Bitmap, x0: number, y0: number, w: number, h: number): void {
  for (let y = Math.max(0, y0); y < Math.min(bitmap.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(bitmap.width, x0 + w); x++) {
      bitmap.data[y * bitmap.rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
}

export function blit(target: Bitmap, source: Bitmap, x0: number, y0: number): void {
  for (let y = 0; y < source.height; y++) {
    const ty = y0 + y;
    if (ty < 0 || ty >= target.height) continue;
    for (let x = 0; x < source.width; x++) {
      const tx = x0 + x;
      if (tx < 0 || tx >= target.width || !getPixel(source, x, y)) continue;
      target.data[ty * target.rowBytes + (tx >> 3)]! |= 0x80 >> (tx & 7);
    }
  }
}
