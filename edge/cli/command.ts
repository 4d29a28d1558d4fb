import type { Bilingual } from "../core/code-entry.js";
import type { CommandCompletion } from "./spec/completion-of.js";

/**
 * One `trace-station` sub-command. `run` returns the process exit code. A command made with
 * `defineCommand` (edge/cli/spec/) also derives `help` and `completion` from its declaration;
 * a hand-written one gives `usage` only, and completion reads its usage lines.
 */
export interface Command {
  name: string;
  summary: Bilingual;
  usage: string;
  run(argv: string[]): Promise<number>;
  /** `--help` text for the words typed after the command (an action's help when one is named). */
  help?(argv: string[]): string;
  completion?: CommandCompletion;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
