import type { AnyCommandSpec } from "./command-spec.js";
import { actionsOf, optionsOf, ownInvocation } from "./usage-text.js";

/** What shell completion offers for one command: its actions, options per action, values. */
export interface CommandCompletion {
  actions: string[];
  /** Options of the command as a whole (no action typed yet), and of each action. */
  options: string[];
  actionOptions: Record<string, string[]>;
  /** Values offered after an option with choices (`--status` → open closed). */
  choices: Record<string, string[]>;
}

const flags = (names: string[]): string[] => [...names.map((n) => `--${n}`), "--help"];

export function completionOf(spec: AnyCommandSpec): CommandCompletion {
  const actions = actionsOf(spec);
  const actionOptions: Record<string, string[]> = {};
  for (const [name, action] of actions) actionOptions[name] = flags(optionsOf(spec, action));
  const all = actions.length
    ? [...new Set([...actions.flatMap(([, a]) => a.options ?? []), ...(spec.common ?? [])])]
    : optionsOf(spec, ownInvocation(spec));
  const choices: Record<string, string[]> = {};
  for (const [name, option] of Object.entries(spec.options))
    if (option.choices) choices[`--${name}`] = [...option.choices];
  return { actions: actions.map(([name]) => name), options: flags(all), actionOptions, choices };
}
