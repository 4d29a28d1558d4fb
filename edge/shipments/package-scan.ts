/**
 * A package label's scan → the package serials it can name, most likely first. The label QR
 * (labels/qr-url.ts) is the station's trace URL `{baseUrl}/t/{serial}` or, with a GTIN, the
 * GS1 Digital Link `…/01/{GTIN}/10/{lot}/21/{serial}` whose AI 21 is the serial or its sequence
 * in the lot (edge/core/gs1-digital-link.ts); a worker may also type the serial printed on it.
 */
export function serialsFromScan(raw: string): string[] {
  const text = raw.trim();
  if (text === "") return [];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [text];
  }
  const parts = url.pathname
    .split("/")
    .filter((p) => p !== "")
    .map(safeDecode);
  const t = parts.lastIndexOf("t");
  if (t >= 0 && parts[t + 1]) return [parts[t + 1] as string];
  const lotAt = parts.indexOf("10");
  const lot = parts[lotAt + 1];
  const serial = parts[lotAt + 3];
  if (lotAt < 0 || parts[lotAt + 2] !== "21" || !lot || !serial) return [];
  return /^\d+$/.test(serial) ? [`${lot}-${serial.padStart(3, "0")}`, serial] : [serial];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
