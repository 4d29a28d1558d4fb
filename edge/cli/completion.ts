import type { Command } from "./command.js";
import type { CommandCompletion } from "./spec/completion-of.js";

/**
 * Shell completion generated from the commands' own usage lines (their actions and --options),
 * so it cannot drift from what the commands accept. `trace-station completion bash` for
 * /etc/bash_completion.d/trace-station; `completion zsh` goes through bashcompinit.
 */
export interface CompletionEntry extends CommandCompletion {
  name: string;
}

export function completionEntries(commands: readonly Command[]): CompletionEntry[] {
  return commands.map((c) => {
    if (c.completion) return { name: c.name, ...c.completion };
    // A hand-written command (not yet declared with defineCommand): read its usage lines.
    const lines = c.usage.split("\n").map((l) => l.trim());
    const actions = new Set<string>();
    const options = new Set<string>(["--help"]);
    for (const line of lines) {
      const words = line.split(/\s+/);
      if (
        words[0] === "trace-station" &&
        words[1] === c.name &&
        words[2] &&
        /^[a-z][a-z-]*$/.test(words[2])
      ) {
        actions.add(words[2]);
      }
      for (const m of line.matchAll(/--[a-z][a-z-]*/g)) options.add(m[0]);
    }
    return { name: c.name, actions: [...actions], options: [...options], actionOptions: {}, choices: {} };
  });
}

export function bashCompletion(commands: readonly Command[], extra: readonly string[]): string {
  const entries = completionEntries(commands);
  const names = [...entries.map((e) => e.name), ...extra].join(" ");
  const cases = entries.map(bashCase).join("\n");
  const choices = entries
    .flatMap((e) =>
      Object.entries(e.choices).map(
        ([option, values]) => `${e.name}:${option}) words="${values.join(" ")}" ;;`,
      ),
    )
    .join("\n    ");
  return `# trace-station bash completion (trace-station completion bash)
_trace_station() {
  local cur prev words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${names} --help --version" -- "$cur"))
    return
  fi
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "\${COMP_WORDS[1]}:$prev" in
    ${choices}
    *) words="" ;;
  esac
  if [ -n "$words" ]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    completion) words="bash zsh" ;;
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _trace_station trace-station
`;
}

export function zshCompletion(commands: readonly Command[], extra: readonly string[]): string {
  return `# trace-station zsh completion (trace-station completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(commands, extra)}`;
}

/** One command's branch: its actions at word 2, then the options of the action typed (or all). */
function bashCase(e: CompletionEntry): string {
  const options = e.options.join(" ");
  if (!e.actions.length) return `    ${e.name}) words="${options}" ;;`;
  const perAction = Object.entries(e.actionOptions)
    .map(([action, opts]) => `${action}) words="${opts.join(" ")}" ;;`)
    .join(" ");
  return [
    `    ${e.name})`,
    `      if [ "$COMP_CWORD" -eq 2 ] && [[ "$cur" != -* ]]; then words="${e.actions.join(" ")}"`,
    `      else case "\${COMP_WORDS[2]}" in ${perAction} *) words="${options}" ;; esac; fi ;;`,
  ].join("\n");
}
