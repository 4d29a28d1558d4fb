/** Text in both languages the station speaks; Simplified Chinese first. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** One row of the error catalogue: what went wrong and what a technician does about it. */
export interface CodeEntry {
  title: Bilingual;
  remedy: Bilingual;
}

export type CodeTable = Record<string, CodeEntry>;
