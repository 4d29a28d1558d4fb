/**
 * A 1-bit image, rows of bytes, most significant bit leftmost, 1 = black: the layout of
 * ESC/POS `GS v 0` raster data (Epson ESC/POS reference, GS v 0). TSPL BITMAP wants the
 * opposite polarity; its encoder inverts.
 */
export interface Bitmap {
  width: number;
  height: number;
  rowBytes: number;
  data: Uint8Array;
}

export function createBitmap(width: number, height: number): Bitmap {
  const rowBytes = Math.ceil(width / 8);
  return { width, height, rowBytes, data: new Uint8Array(rowBytes * height) };
}

export function getPixel(bitmap: Bitmap, x: number, y: number): boolean {
  return ((bitmap.data[y * bitmap.rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** Threshold RGBA pixels (white background) at 50 % luminance. */
export function bitmapFromRgba(rgba: Uint8Array, width: number, height: number): Bitmap {
  const bitmap = createBitmap(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = (rgba[i + 3] ?? 0) / 255;
      // Transparent is paper-white.
      const lum =
        255 * (1 - alpha) +
        alpha * (0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0));
      if (lum < 128) bitmap.data[y * bitmap.rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return bitmap;
}

/** Back to RGBA (black on white) for PNG files and QR decoders. */
export function bitmapToRgba(bitmap: Bitmap): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const v = getPixel(bitmap, x, y) ? 0 : 255;
      const i = (y * bitmap.width + x) * 4;
      rgba[i] = v;
      rgba[i + 1] = v;
      rgba[i + 2] = v;
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}
