/** Longest code kept: GS1 and certificate QR contents stay far below this. */
export const MAX_SCAN_LENGTH = 4096;

/**
 * CR- or LF-terminated lines (scanners in USB virtual-COM mode end each code with CR, some
 * with CR LF or LF), as raw bytes: decoding is the scanner's `encoding`. Empty lines are
 * separators; spaces around a code are not part of it. A line that never ends is cut at
 * MAX_SCAN_LENGTH and counted as garbage, so noise cannot grow the buffer.
 */
export function splitLines(bytes: Buffer): { lines: Buffer[]; rest: Buffer; garbageBytes: number } {
  const lines: Buffer[] = [];
  let start = 0;
  let garbageBytes = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x0d && b !== 0x0a) continue;
    const line = trimBytes(bytes.subarray(start, i));
    if (line.length > 0) lines.push(Buffer.from(line));
    start = i + 1;
  }
  let rest = bytes.subarray(start);
  if (rest.length > MAX_SCAN_LENGTH) {
    garbageBytes += rest.length;
    rest = Buffer.alloc(0);
  }
  return { lines, rest: Buffer.from(rest), garbageBytes };
}

/** Without ASCII spaces, tabs and NULs at either end (GBK and UTF-8 never use these bytes inside a character). */
export function trimBytes(bytes: Buffer): Buffer {
  let a = 0;
  let b = bytes.length;
  const blank = (x: number | undefined) => x === 0x20 || x === 0x09 || x === 0x00;
  while (a < b && blank(bytes[a])) a++;
  while (b > a && blank(bytes[b - 1])) b--;
  return bytes.subarray(a, b);
}
