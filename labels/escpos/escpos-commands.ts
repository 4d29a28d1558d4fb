import type { Bitmap } from "../bitmap.js";

/**
 * ESC/POS commands node-thermal-printer does not build, from the Epson ESC/POS Application
 * Programming Guide (command reference pages named per function).
 */

/** ESC @: initialise the printer (clears modes left by the previous job). */
export const INIT = Buffer.from([0x1b, 0x40]);
/** FS &: select Kanji (Chinese) character mode; GBK double bytes then print as hanzi. */
export const KANJI_ON = Buffer.from([0x1c, 0x26]);
/** FS .: cancel Kanji mode. */
export const KANJI_OFF = Buffer.from([0x1c, 0x2e]);

/** ESC $ nL nH: absolute horizontal print position, in dots from the left margin. */
export function absolutePosition(dots: number): Buffer {
  return Buffer.from([0x1b, 0x24, dots & 0xff, (dots >> 8) & 0xff]);
}

/** ESC J n: print and feed n dots (n ≤ 255; longer feeds are split). */
export function feedDots(dots: number): Buffer {
  const parts: number[] = [];
  for (let left = Math.max(0, Math.round(dots)); left > 0; left -= 255)
    parts.push(0x1b, 0x4a, Math.min(255, left));
  return Buffer.from(parts);
}

/** ESC 3 n: line spacing n dots. */
export function lineSpacing(dots: number): Buffer {
  return Buffer.from([0x1b, 0x33, Math.min(255, Math.max(0, dots))]);
}

/** GS L nL nH: left margin in dots (positions a QR symbol, which ESC $ does not move). */
export function leftMargin(dots: number): Buffer {
  return Buffer.from([0x1d, 0x4c, dots & 0xff, (dots >> 8) & 0xff]);
}

/**
 * GS v 0 m xL xH yL yH d1…dk: print a raster bit image, 1 = black, MSB leftmost. Sent in bands
 * of at most `bandRows` rows because clone printers have small receive buffers and refuse tall
 * images.
 */
export function rasterImage(bitmap: Bitmap, bandRows = 128): Buffer {
  const parts: Buffer[] = [];
  for (let top = 0; top < bitmap.height; top += bandRows) {
    const rows = Math.min(bandRows, bitmap.height - top);
    parts.push(
      Buffer.from([
        0x1d,
        0x76,
        0x30,
        0x00,
        bitmap.rowBytes & 0xff,
        (bitmap.rowBytes >> 8) & 0xff,
        rows & 0xff,
        (rows >> 8) & 0xff,
      ]),
      Buffer.from(bitmap.data.subarray(top * bitmap.rowBytes, (top + rows) * bitmap.rowBytes)),
    );
  }
  return Buffer.concat(parts);
}

/** DLE EOT n: real-time status. n = 1 printer, 2 off-line cause, 4 roll-paper sensor. */
export function realtimeStatus(n: 1 | 2 | 4): Buffer {
  return Buffer.from([0x10, 0x04, n]);
}
