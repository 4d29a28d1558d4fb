import { gbkWidth } from "./gbk.js";

/**
 * Columns a character takes on a printer's built-in font, in half-width cells (12×24 dots for
 * ESC/POS font A and TSPL TSS24.BF2). On a GBK printer every double-byte character prints full
 * width, including the East-Asian "ambiguous" ones (°, ×, √, □), so GBK decides first;
 * characters outside GBK fall back to the Unicode East-Asian Width W/F ranges (UAX #11).
 * node-thermal-printer counts a hanzi as one column, which is why layout does not use it.
 */
export function charColumns(char: string): 1 | 2 {
  const width = gbkWidth(char);
  if (width !== 0) return width;
  return isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
}

export function textColumns(text: string): number {
  let columns = 0;
  for (const char of text) columns += charColumns(char);
  return columns;
}

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x20000, 0x3fffd],
];

function isWide(cp: number): boolean {
  return WIDE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
}

const NO_LINE_START = new Set([..."，。、；：！？）》」』】…,.;:!?)"]);

/**
 * Break text into lines of at most `maxColumns`, preferring breaks at spaces for Latin words
 * and breaking anywhere between hanzi (Chinese has no word spaces).
 */
export function wrapColumns(text: string, maxColumns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let columns = 0;
    let lastSpace = -1;
    for (const char of paragraph) {
      const w = charColumns(char);
      if (columns + w > maxColumns && line.length > 0) {
        const chars = [...line];
        if (NO_LINE_START.has(char) && chars.length > 1) {
          // 避头点 (GB/T 15834 punctuation rules): a closing mark never starts a line, so the
          // character before it moves down with it.
          const carried = chars.pop() as string;
          lines.push(chars.join("").trimEnd());
          line = carried;
        } else if (lastSpace > 0 && w === 1 && char !== " ") {
          lines.push(line.slice(0, lastSpace).trimEnd());
          line = line.slice(lastSpace + 1);
        } else {
          lines.push(line.trimEnd());
          line = "";
        }
        columns = textColumns(line);
        lastSpace = -1;
        if (char === " ") continue;
      }
      if (char === " ") lastSpace = line.length;
      line += char;
      columns += w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
