/**
 * The 32-digit QR code on pesticide labels (农药标签二维码, MARA announcement No. 2579, 2017):
 * positions 2–7 (1-based) carry the last six digits of the registration number, so scanning
 * a bottle identifies its registration up to the prefix and year digits.
 */
export function registrationSuffixFromLabelQr(content: string): string | undefined {
  // The QR often encodes a URL whose last path segment or query value is the 32-digit code.
  const digits = /(\d{32})(?!\d)/.exec(content)?.[1];
  if (!digits) return undefined;
  return digits.slice(1, 7);
}

/** Whether a registration number ends with the six digits read from a label QR. */
export function matchesRegistrationSuffix(regNo: string | null, suffix: string): boolean {
  return suffix.length > 0 && (regNo ?? "").replace(/\D/g, "").endsWith(suffix);
}
