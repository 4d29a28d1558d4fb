/** What a code validator says: valid (perhaps with a warning for a legacy form) or why not. */
export type CodeCheck = { ok: true; warning?: string } | { ok: false; reason: string };

export const valid = (warning?: string): CodeCheck => (warning ? { ok: true, warning } : { ok: true });
export const invalid = (reason: string): CodeCheck => ({ ok: false, reason });
