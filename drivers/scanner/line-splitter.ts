/** Longest code kept: GS1 and certificate QR contents stay far below this. */
export const MAX_SCAN_LENGTH = 4096;

/**
 * CR- or LF-terminated lines (scanners in USB virtual-COM mode end each code with CR, some
 * with CR LF or LF). Empty lines are separators. A line that never ends is cut at
 * MAX_SCAN_LENGTH and counted as garbage, so noise cannot grow the buffer.
 */
export function splitLines(bytes: Buffer): { lines: string[]; rest: Buffer; garbageBytes: number } {
  const lines: string[] = [];
  let start = 0;
  let garbageBytes = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x0d && b !== 0x0a) continue;
    const line = bytes.toString("utf8", start, i).trim();
    if (line.length > 0) lines.push(line);
    start = i + 1;
  }
  let rest = bytes.subarray(start);
  if (rest.length > MAX_SCAN_LENGTH) {
    garbageBytes += rest.length;
    rest = Buffer.alloc(0);
  }
  return { lines, rest: Buffer.from(rest), garbageBytes };
}
