import type { Command } from "./command.js";

/**
 * Shell completion generated from the commands' own usage lines (their actions and --options),
 * so it cannot drift from what the commands accept. `trace-station completion bash` for
 * /etc/bash_completion.d/trace-station; `completion zsh` goes through bashcompinit.
 */
export interface CompletionEntry {
  name: string;
  actions: string[];
  options: string[];
}

export function completionEntries(commands: readonly Command[]): CompletionEntry[] {
  return commands.map((c) => {
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
    return { name: c.name, actions: [...actions], options: [...options] };
  });
}

export function bashCompletion(commands: readonly Command[], extra: readonly string[]): string {
  const entries = completionEntries(commands);
  const names = [...entries.map((e) => e.name), ...extra].join(" ");
  const cases = entries
    .map((e) => {
      const actions = e.actions.join(" ");
      const options = e.options.join(" ");
      if (!actions) return `    ${e.name}) words="${options}" ;;`;
      return `    ${e.name})\n      if [ "$COMP_CWORD" -eq 2 ] && [[ "$cur" != -* ]]; then words="${actions}"; else words="${options}"; fi ;;`;
    })
    .join("\n");
  return `# trace-station bash completion (trace-station completion bash)
_trace_station() {
  local cur words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${names} --help --version" -- "$cur"))
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
