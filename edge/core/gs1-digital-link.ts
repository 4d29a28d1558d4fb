import { type CodeCheck, invalid, valid } from "./check-result.js";
import { checkGtin } from "./gtin.js";

/**
 * GS1 Digital Link URI syntax (GS1 Digital Link Standard: URI Syntax 1.x §4–§5, with the AI
 * rules of the GS1 General Specifications §3.2): `/01/{GTIN-14}` with optional key qualifiers
 * in the order 22 → 10 → 21, each a value of GS1 AI encodable character set 82, at most 20
 * characters for AI 10 (batch/lot) and AI 21 (serial) and 20 for AI 22; data attributes in
 * the query as `AI=value` with a numeric AI.
 */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;
const QUALIFIERS: ReadonlyArray<{ ai: string; max: number }> = [
  { ai: "22", max: 20 },
  { ai: "10", max: 20 },
  { ai: "21", max: 20 },
];

export function checkDigitalLink(uri: string): CodeCheck {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return invalid(`不是 URI / not a URI: ${uri}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return invalid(`须为 http(s) / must be http(s): ${uri}`);
  const parts = url.pathname.split("/").filter((p) => p !== "");
  const at = parts.lastIndexOf("01", parts.length - 2);
  if (at < 0) return invalid(`缺少 /01/{GTIN} / no /01/ primary key: ${uri}`);
  const gtin = parts[at + 1] ?? "";
  if (gtin.length !== 14)
    return invalid(`GTIN 须为 14 位 / GTIN must have 14 digits in a Digital Link: ${gtin}`);
  const gtinCheck = checkGtin(gtin);
  if (!gtinCheck.ok) return gtinCheck;
  const rest = parts.slice(at + 2);
  if (rest.length % 2 !== 0) return invalid(`限定符不成对 / unpaired key qualifier in ${uri}`);
  let order = -1;
  for (let i = 0; i < rest.length; i += 2) {
    const ai = rest[i] as string;
    const index = QUALIFIERS.findIndex((q) => q.ai === ai);
    if (index < 0) return invalid(`AI ${ai} 不是 GTIN 的限定符 / AI ${ai} does not qualify a GTIN`);
    if (index <= order) return invalid(`限定符顺序须为 22 → 10 → 21 / qualifiers out of order in ${uri}`);
    order = index;
    let value: string;
    try {
      value = decodeURIComponent(rest[i + 1] as string);
    } catch {
      return invalid(`AI ${ai} 的值编码错误 / bad percent-encoding for AI ${ai}`);
    }
    const max = (QUALIFIERS[index] as { max: number }).max;
    if (value.length > max)
      return invalid(
        `AI ${ai} 最多 ${max} 个字符 / AI ${ai} has ${value.length} > ${max} characters: ${value}`,
      );
    if (!CSET82.test(value))
      return invalid(`AI ${ai} 含有 GS1 字符集 82 以外的字符 / AI ${ai} outside character set 82: ${value}`);
  }
  for (const [ai, value] of url.searchParams) {
    if (!/^\d{2,4}$/.test(ai)) continue; // non-GS1 query parameters are allowed and ignored
    if (value === "" || !CSET82.test(value))
      return invalid(`属性 AI ${ai} 的值不合规 / attribute AI ${ai} value not valid`);
  }
  return valid();
}

/**
 * The AI 21 serial of a package within its lot: the sequence after `{lot}-` (the lot itself
 * is AI 10 beside it), so a serial stays within AI 21's 20 characters.
 */
export function ai21Serial(lot: string, serial: string): string {
  return serial.startsWith(`${lot}-`) ? serial.slice(lot.length + 1) : serial;
}
