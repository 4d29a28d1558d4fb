import iconv from "iconv-lite";

export type ScanEncoding = "utf8" | "gbk" | "ascii";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A scanned code's bytes as text in the scanner's configured encoding, or undefined when the
 * bytes are not valid in it. Never U+FFFD: a code stored with a replacement character can no
 * longer be matched with the supplier's certificate. Chinese-market scanners reading a
 * certificate QR with Chinese text send GBK (CP936) unless set to UTF-8 by a setup code.
 * iconv-lite has no strict mode, so GBK is checked by encoding the text back to the same bytes.
 */
export function decodeScan(bytes: Buffer, encoding: ScanEncoding): string | undefined {
  if (encoding === "ascii") {
    for (const b of bytes) if (b < 0x20 || b > 0x7e) return undefined;
    return bytes.toString("latin1");
  }
  if (encoding === "utf8") {
    try {
      return utf8.decode(bytes);
    } catch {
      return undefined;
    }
  }
  const text = iconv.decode(bytes, "gbk");
  if (text.includes("\uFFFD") || !iconv.encode(text, "gbk").equals(bytes)) return undefined;
  return text;
}
