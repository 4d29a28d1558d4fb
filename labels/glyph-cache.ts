import { createRequire } from "node:module";
import { type Bitmap, bitmapFromRgba, createBitmap, getPixel } from "./bitmap.js";
import { charColumns } from "./east-asian-width.js";
import { findCjkFont } from "./fonts.js";
import { escapeXml } from "./render-svg.js";

/**
 * resvg's native addon is loaded at the first glyph, not when the station loads: a station
 * that prints nothing, or prints in a printer's own font, never maps it (issue 16).
 */
function resvg(): typeof import("@resvg/resvg-js") {
  return createRequire(import.meta.url)("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
}

/**
 * Printer-style glyphs: each character a 1-bit cell `height` dots high and 1 or 2 half-width
 * columns wide, like the 12×24 ROM fonts of ESC/POS and TSPL printers. Outlines come from a
 * CJK font through resvg; resvg lays text out slowly with a 20 MB CJK collection (milliseconds
 * per glyph), so each glyph is rasterised once per size and kept, and the missing glyphs of a
 * label are rendered together in one pass.
 */
export class GlyphCache {
  readonly fontFile: string | undefined;
  private readonly glyphs = new Map<string, Bitmap>();

  constructor(configuredFont?: string) {
    this.fontFile = findCjkFont(configuredFont);
  }

  get(char: string, height: number): Bitmap {
    const key = `${height}:${char}`;
    let glyph = this.glyphs.get(key);
    if (!glyph) {
      this.prepare(char, height);
      glyph = this.glyphs.get(key) as Bitmap;
    }
    return glyph;
  }

  /** Rasterise every character of `text` not yet cached at `height`, in one resvg pass. */
  prepare(text: string, height: number): void {
    const missing = [...new Set(text)].filter((c) => !this.glyphs.has(`${height}:${c}`));
    if (missing.length === 0) return;
    const pitch = Math.ceil(height * 1.25);
    const xs = missing.map((_, i) => i * pitch).join(" ");
    const content = missing.map((c) => (c === " " ? "\u00a0" : escapeXml(c))).join("");
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${missing.length * pitch}" height="${height}">` +
      `<text x="${xs}" y="${Math.round(height * 0.88)}" font-size="${height}" font-family="Noto Sans CJK SC">${content}</text></svg>`;
    const { Resvg } = resvg();
    const image = new Resvg(svg, {
      font: {
        loadSystemFonts: false,
        fontFiles: this.fontFile ? [this.fontFile] : [],
        defaultFontFamily: "Noto Sans CJK SC",
      },
    }).render();
    const strip = bitmapFromRgba(image.pixels, image.width, image.height);
    missing.forEach((char, i) => {
      this.glyphs.set(`${height}:${char}`, cutCell(strip, i * pitch, pitch, height, charColumns(char)));
    });
  }
}

/**
 * Fit one rendered glyph into its printer cell: centred when narrower, squeezed horizontally
 * when wider (proportional Latin letters such as "W" in a half-width cell).
 */
function cutCell(strip: Bitmap, left: number, pitch: number, height: number, columns: 1 | 2): Bitmap {
  const cellWidth = Math.round((columns * height) / 2);
  const cell = createBitmap(cellWidth, height);
  let inkLeft = pitch;
  let inkRight = -1;
  for (let x = 0; x < pitch; x++) {
    for (let y = 0; y < height; y++) {
      if (left + x < strip.width && getPixel(strip, left + x, y)) {
        inkLeft = Math.min(inkLeft, x);
        inkRight = Math.max(inkRight, x);
        break;
      }
    }
  }
  if (inkRight < 0) return cell;
  const inkWidth = inkRight - inkLeft + 1;
  // Full-width glyphs keep their own side bearings (the em box is the cell).
  const fromX = columns === 2 && inkWidth <= cellWidth ? 0 : inkLeft;
  const span = columns === 2 && inkWidth <= cellWidth ? cellWidth : inkWidth;
  const scale = Math.max(1, span / cellWidth);
  const offset = span < cellWidth ? Math.floor((cellWidth - span) / 2) : 0;
  for (let x = 0; x < Math.min(cellWidth, Math.ceil(span / scale)); x++) {
    const sx = left + fromX + Math.floor(x * scale);
    if (sx >= strip.width) continue;
    for (let y = 0; y < height; y++) {
      if (getPixel(strip, sx, y))
        cell.data[y * cell.rowBytes + ((x + offset) >> 3)]! |= 0x80 >> ((x + offset) & 7);
    }
  }
  return cell;
}
