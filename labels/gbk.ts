import iconv from "iconv-lite";

/**
 * GBK (CP936) is what Chinese-market ESC/POS and TSPL printers decode (DOMAIN.md §5). iconv-lite
 * replaces a character it cannot encode with "?", so callers that must know check first.
 */
export function encodeGbk(text: string): Buffer {
  return iconv.encode(text, "gbk");
}

export function decodeGbk(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), "gbk");
}

const cache = new Map<number, 0 | 1 | 2>();

/** 1 for ASCII, 2 for a GBK double-byte character, 0 when GBK has no such character. */
export function gbkWidth(char: string): 0 | 1 | 2 {
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x80) return 1;
  let width = cache.get(cp);
  if (width === undefined) {
    const bytes = iconv.encode(char, "gbk");
    width = bytes.length === 2 ? 2 : bytes.length === 1 && bytes[0] !== 0x3f ? 1 : 0;
    cache.set(cp, width);
  }
  return width;
}

/**
 * GB 2312 is the EUC-CN subset of GBK: lead byte 0xA1–0xA9 (symbols) or 0xB0–0xF7 (hanzi),
 * trail byte 0xA1–0xFE (GB 2312-1980 §5, rows 10–15 unassigned). TSS24.BF2 only holds these.
 */
export function isGb2312(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x80) return true;
  if (gbkWidth(char) !== 2) return false;
  const bytes = iconv.encode(char, "gbk");
  const lead = bytes[0] ?? 0;
  const trail = bytes[1] ?? 0;
  const leadOk = (lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7);
  return leadOk && trail >= 0xa1 && trail <= 0xfe;
}
