/**
 * What 134.2 kHz animal-tag readers (ISO 11784/11785 FDX-B and HDX) send over their serial
 * port, decoded to the ISO 11784 code: 3-digit country (or manufacturer) code and 12-digit
 * national ID, 15 digits in all ("982000123456789"). Pure: bytes in, reads out.
 *
 * Supported, per reader family (see drivers/README.md for the sources):
 * - Allflex RS320/RS420 stick readers, default ASCII output: `LA 982 000001088420` CR LF
 *   (`LA` = ISO animal tag; `LR` is Allflex's non-ISO HDX industrial format, refused).
 * - Decimal lines of most handhelds and ISO 24631-6 §4.3 style links: `982 000123456789`,
 *   `982000123456789`, `982.000123456789`, `982_000123456789`, optionally after STX (0x02).
 * - Bare 134.2 kHz reader modules ("WL-134" type, 9600 8N1): STX, 10 ASCII hex national ID
 *   least significant digit first, 4 ASCII hex country least significant first, data-block
 *   flag, animal flag, 4 + 6 reserved, XOR of bytes 1-26, its complement, ETX (30 bytes).
 *   The vendor's worked example `171A9253A3 4830 0 1 …` is country 900, ID 250000023921.
 */
export interface TagRead {
  /** 15 digits: country (3) + national ID (12). */
  iso: string;
  country: string;
  national: string;
  format: "allflex-la" | "decimal" | "hex-module";
}

export type FrameResult =
  | { kind: "read"; read: TagRead }
  | { kind: "refused"; reason: "checksum" | "format"; bytes: Buffer };

const STX = 0x02;
const STX_CHAR = String.fromCharCode(STX);

/** Without a leading STX (ISO 24631-6 §4.3 starts each line with it). */
const withoutStx = (line: string): string => (line.startsWith(STX_CHAR) ? line.slice(1) : line);
const ETX = 0x03;
const MODULE_FRAME = 30;
const MAX_LINE = 128;

/** The national ID has 38 bits (ISO 11784), so at most 274877906943: 12 decimal digits. */
const MAX_NATIONAL = 2 ** 38 - 1;
const MAX_COUNTRY = 2 ** 10 - 1;

function iso(country: number, national: number, format: TagRead["format"]): TagRead | undefined {
  if (country > MAX_COUNTRY || national > MAX_NATIONAL) return undefined;
  const c = String(country).padStart(3, "0");
  const n = String(national).padStart(12, "0");
  return { iso: `${c}${n}`, country: c, national: n, format };
}

/** One text line (without CR/LF): an Allflex `LA` line or a decimal line. */
export function decodeLine(text: string): TagRead | undefined {
  const line = withoutStx(text).trim();
  const allflex = /^LA[ _](\d{3})[ _](\d{12})$/.exec(line);
  if (allflex) return iso(Number(allflex[1]), Number(allflex[2]), "allflex-la");
  const decimal = /^(\d{3})[ ._]?(\d{12})$/.exec(line);
  if (decimal) return iso(Number(decimal[1]), Number(decimal[2]), "decimal");
  return undefined;
}

/** One 30-byte module frame (STX … ETX), checked by its XOR and complement bytes. */
export function decodeModuleFrame(frame: Buffer): FrameResult {
  if (frame.length !== MODULE_FRAME || frame[0] !== STX || frame[MODULE_FRAME - 1] !== ETX) {
    return { kind: "refused", reason: "format", bytes: frame };
  }
  let xor = 0;
  for (let i = 1; i <= 26; i++) xor ^= frame[i] ?? 0;
  if (frame[27] !== xor || frame[28] !== (~xor & 0xff))
    return { kind: "refused", reason: "checksum", bytes: frame };
  const text = frame.subarray(1, 27).toString("latin1");
  if (!/^[0-9A-F]{26}$/i.test(text)) return { kind: "refused", reason: "format", bytes: frame };
  const reversedHex = (s: string) => [...s].reverse().join("");
  const national = Number.parseInt(reversedHex(text.slice(0, 10)), 16);
  const country = Number.parseInt(reversedHex(text.slice(10, 14)), 16);
  const read = iso(country, national, "hex-module");
  return read ? { kind: "read", read } : { kind: "refused", reason: "format", bytes: frame };
}

/**
 * Split a byte stream into reads. A module frame is recognised by STX followed by 29 more
 * bytes ending in ETX; everything else is CR/LF-terminated lines. Unrecognised lines are
 * refused with their bytes (counted as garbage by the driver); `rest` waits for more bytes.
 */
export function splitReads(bytes: Buffer): { results: FrameResult[]; rest: Buffer } {
  const results: FrameResult[] = [];
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === STX && i === start) {
      if (bytes.length - i < MODULE_FRAME) {
        // Maybe a module frame still arriving, maybe an STX-led text line: wait for a line end.
        const lineEnd = bytes.subarray(i).findIndex((x) => x === 0x0d || x === 0x0a);
        if (lineEnd < 0) break;
      } else if (bytes[i + MODULE_FRAME - 1] === ETX && isHexBody(bytes.subarray(i + 1, i + 27))) {
        results.push(decodeModuleFrame(bytes.subarray(i, i + MODULE_FRAME)));
        i += MODULE_FRAME;
        start = i;
        continue;
      }
    }
    if (b === 0x0d || b === 0x0a || b === ETX) {
      const line = bytes.subarray(start, i).toString("latin1").trim();
      if (withoutStx(line).length > 0) {
        const read = decodeLine(line);
        results.push(
          read
            ? { kind: "read", read }
            : { kind: "refused", reason: "format", bytes: bytes.subarray(start, i) },
        );
      }
      start = i + 1;
    }
    i++;
  }
  let rest = bytes.subarray(start);
  if (rest.length > MAX_LINE) {
    results.push({ kind: "refused", reason: "format", bytes: rest });
    rest = Buffer.alloc(0);
  }
  return { results, rest: Buffer.from(rest) };
}

function isHexBody(body: Buffer): boolean {
  for (const b of body) {
    const hex = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    if (!hex) return false;
  }
  return true;
}

/** A module frame for a code (the simulator's and the tests' encoder). */
export function encodeModuleFrame(country: number, national: number, animal = true): Buffer {
  const hex = (n: number, width: number) =>
    [...n.toString(16).toUpperCase().padStart(width, "0")].reverse().join("");
  const body = `${hex(national, 10)}${hex(country, 4)}0${animal ? "1" : "0"}0000000000`;
  const bytes = Buffer.from(body, "latin1");
  let xor = 0;
  for (const b of bytes) xor ^= b;
  return Buffer.concat([Buffer.from([STX]), bytes, Buffer.from([xor, ~xor & 0xff, ETX])]);
}
