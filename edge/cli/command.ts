import type { Bilingual } from "../core/code-entry.js";

/** One `trace-station` sub-command. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: Bilingual;
  usage: string;
  run(argv: string[]): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
