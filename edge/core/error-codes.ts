import type { CodeEntry, CodeTable } from "./code-entry.js";

/**
 * Every code the station can raise, as a type. It starts empty: each component's code table
 * (beside the code that raises it) adds its codes by declaration merging, so the bottom layer
 * knows no component and a misspelt code still fails `tsc`:
 *
 *   export const fooCodes = defineCodes({ FOO_BROKEN: { title, remedy } });
 *   declare module "<path to>/edge/core/error-codes.js" {
 *     interface ErrorCodes extends CodesOf<typeof fooCodes> {}
 *   }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each code table through declaration merging
export interface ErrorCodes {}

export type ErrorCode = keyof ErrorCodes & string;

/** What a code table contributes to `ErrorCodes`. */
export type CodesOf<T extends CodeTable> = Record<keyof T & string, CodeEntry>;

/** Codes registered by the tables loaded so far; the full catalogue is `edge/error-catalog.ts`. */
const registered = new Map<string, CodeEntry>();

/**
 * Register a component's codes where they are raised. A code is defined once: a second table
 * with the same code and another text is a programming error caught at load.
 */
export function defineCodes<const T extends CodeTable>(table: T): T {
  for (const [code, entry] of Object.entries(table)) {
    const known = registered.get(code);
    if (known && known !== entry) throw new Error(`error code ${code} is defined twice`);
    registered.set(code, entry);
  }
  return table;
}

/** Title and remedy of a code; every code's table is loaded by the module that raises it. */
export function describeCode(code: ErrorCode): CodeEntry {
  const entry = registered.get(code);
  if (entry) return entry;
  // Only reachable when a module raises a code whose table nobody loaded; the technician guide
  // (systemd/README.md) still lists it, so point there rather than fail while reporting an error.
  return {
    title: { zh: `错误 ${code}`, en: `Error ${code}` },
    remedy: {
      zh: `查看 systemd/README.md 错误代码表中的 ${code}`,
      en: `See ${code} in the error-code table of systemd/README.md`,
    },
  };
}

/** Whether a string is a code some loaded table defines (codes read back from the database). */
export function isKnownCode(value: string): value is ErrorCode {
  return registered.has(value);
}

/** Every code registered so far, for checks that the catalogue misses none. */
export function registeredCodes(): ReadonlyMap<string, CodeEntry> {
  return registered;
}
