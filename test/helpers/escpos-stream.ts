import iconv from "iconv-lite";

/** One raster image from `GS v 0`, 1 = black, MSB leftmost. */
export interface RasterBand {
  width: number;
  height: number;
  rowBytes: number;
  data: Uint8Array;
}

export interface ParsedEscpos {
  /** Printed text lines, GBK-decoded; a line ends at LF, ESC J or a block (QR, image). */
  lines: string[];
  /** Data stored for each QR symbol with `GS ( k` fn 80 (cn 49) and printed with fn 81. */
  qrPayloads: string[];
  rasters: RasterBand[];
  /** `DLE EOT n` real-time status requests, by n. */
  statusRequests: number[];
  kanjiMode: boolean;
  cuts: number;
}

/**
 * Reads an ESC/POS byte stream the way a printer would, for tests: the commands the station
 * emits (and the common ones around them) are skipped by their documented lengths, text bytes
 * are collected and decoded as GBK. An unknown command throws, so a test sees malformed output.
 */
export function parseEscpos(bytes: Uint8Array): ParsedEscpos {
  const out: ParsedEscpos = {
    lines: [],
    qrPayloads: [],
    rasters: [],
    statusRequests: [],
    kanjiMode: false,
    cuts: 0,
  };
  let text: number[] = [];
  let qrStore = "";
  const flush = () => {
    if (text.length > 0) out.lines.push(iconv.decode(Buffer.from(text), "gbk"));
    text = [];
  };
  const at = (i: number) => {
    const b = bytes[i];
    if (b === undefined) throw new Error(`ESC/POS stream truncated at byte ${i}`);
    return b;
  };
  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x0a) {
      flush();
      i++;
    } else if (b === 0x10) {
      // DLE EOT n
      if (at(i + 1) !== 0x04) throw new Error(`unknown DLE command at ${i}`);
      out.statusRequests.push(at(i + 2));
      i += 3;
    } else if (b === 0x1b) {
      const c = at(i + 1);
      if (c === 0x40 || c === 0x32)
        i += 2; // ESC @, ESC 2
      else if ([0x21, 0x45, 0x47, 0x61, 0x4d, 0x2d, 0x33, 0x7b, 0x74, 0x52, 0x64].includes(c)) {
        if (c === 0x64) flush();
        i += 3; // ESC ! E G a M - 3 { t R d: one parameter byte
      } else if (c === 0x4a) {
        flush();
        i += 3; // ESC J n
      } else if (c === 0x24)
        i += 4; // ESC $ nL nH
      else throw new Error(`unknown ESC 0x${c.toString(16)} at ${i}`);
    } else if (b === 0x1c) {
      const c = at(i + 1);
      if (c === 0x26) out.kanjiMode = true;
      else if (c === 0x2e) out.kanjiMode = false;
      else throw new Error(`unknown FS 0x${c.toString(16)} at ${i}`);
      i += 2;
    } else if (b === 0x1d) {
      const c = at(i + 1);
      if (c === 0x21 || c === 0x42)
        i += 3; // GS ! n, GS B n
      else if (c === 0x4c)
        i += 4; // GS L nL nH
      else if (c === 0x56) {
        // GS V m [n]
        const m = at(i + 2);
        i += m === 0x41 || m === 0x42 || m === 65 || m === 66 ? 4 : 3;
        out.cuts++;
      } else if (c === 0x28 && at(i + 2) === 0x6b) {
        const len = at(i + 3) + at(i + 4) * 256;
        const cn = at(i + 5);
        const fn = at(i + 6);
        if (cn === 0x31 && fn === 0x50)
          qrStore = Buffer.from(bytes.subarray(i + 8, i + 5 + len)).toString("latin1");
        if (cn === 0x31 && fn === 0x51) {
          flush();
          out.qrPayloads.push(qrStore);
        }
        i += 5 + len;
      } else if (c === 0x76 && at(i + 2) === 0x30) {
        flush();
        const rowBytes = at(i + 4) + at(i + 5) * 256;
        const height = at(i + 6) + at(i + 7) * 256;
        const start = i + 8;
        out.rasters.push({
          width: rowBytes * 8,
          height,
          rowBytes,
          data: bytes.slice(start, start + rowBytes * height),
        });
        i = start + rowBytes * height;
      } else throw new Error(`unknown GS 0x${c.toString(16)} at ${i}`);
    } else {
      text.push(b);
      i++;
    }
  }
  flush();
  return out;
}

/**
 * Stack consecutive `GS v 0` bands into one image (the station sends tall images in bands) and
 * return RGBA for a QR decoder such as jsQR. Bands narrower than the widest are left-aligned.
 */
export function stackRasters(bands: readonly RasterBand[]): {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
} {
  const width = Math.max(...bands.map((b) => b.width));
  const height = bands.reduce((sum, b) => sum + b.height, 0);
  // A white margin around the image: QR decoders want a quiet zone.
  const pad = 16;
  const w = width + 2 * pad;
  const h = height + 2 * pad;
  const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
  let top = pad;
  for (const band of bands) {
    for (let y = 0; y < band.height; y++) {
      for (let x = 0; x < band.width; x++) {
        const bit = (band.data[y * band.rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7));
        if (!bit) continue;
        const o = ((top + y) * w + pad + x) * 4;
        rgba[o] = 0;
        rgba[o + 1] = 0;
        rgba[o + 2] = 0;
      }
    }
    top += band.height;
  }
  return { width: w, height: h, rgba };
}
