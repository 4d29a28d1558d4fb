import { deflateSync } from "node:zlib";
import type { Bitmap } from "./bitmap.js";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A 1-bit grey-scale PNG (PNG spec §11.2.2 IHDR: bit depth 1, colour type 0; 0 = black), so
 * a preview holds exactly the printer's dots and stays a few kilobytes.
 */
export function encodePng(bitmap: Bitmap): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(bitmap.width, 0);
  ihdr.writeUInt32BE(bitmap.height, 4);
  ihdr[8] = 1;
  ihdr[9] = 0;
  const raw = Buffer.alloc((bitmap.rowBytes + 1) * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    const row = y * (bitmap.rowBytes + 1);
    raw[row] = 0; // filter: none
    for (let i = 0; i < bitmap.rowBytes; i++)
      raw[row + 1 + i] = ~(bitmap.data[y * bitmap.rowBytes + i] ?? 0) & 0xff;
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array()),
  ]);
}
