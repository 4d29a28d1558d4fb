import type {
  ActionSpec,
  AnyCommandSpec,
  InvocationSpec,
  OptionSpec,
  PositionalSpec,
} from "./command-spec.js";

/** What an action (or an action-less command) accepts: its own options, then the common ones. */
export function optionsOf(spec: AnyCommandSpec, invocation: InvocationSpec<string>): string[] {
  return [...new Set([...(invocation.options ?? []), ...(spec.common ?? [])])];
}

/** What a command without actions takes: every option it declares. */
export function ownInvocation(spec: AnyCommandSpec): InvocationSpec<string> {
  return { options: Object.keys(spec.options), required: spec.required ?? [], args: spec.args ?? [] };
}

export function actionsOf(spec: AnyCommandSpec): Array<[string, ActionSpec<string>]> {
  return Object.entries(spec.actions ?? {}) as Array<[string, ActionSpec<string>]>;
}

export function optionWord(name: string, option: OptionSpec): string {
  if (option.type === "boolean") return `--${name}`;
  const value = option.choices ? option.choices.join("|") : (option.value ?? "VALUE");
  return `--${name} ${value}${option.multiple ? "…" : ""}`;
}

function argWord(arg: PositionalSpec): string {
  const word = `${arg.name}${arg.variadic ? "…" : ""}`;
  return arg.optional ? `[${word}]` : word;
}

/** One usage line: `trace-station batch close LOT --harvest TIME [--json]`. */
export function usageLine(spec: AnyCommandSpec, action: string, invocation: InvocationSpec<string>): string {
  const required = new Set(invocation.required ?? []);
  const words = ["trace-station", spec.name];
  if (action) words.push(action === spec.defaultAction ? `[${action}]` : action);
  for (const arg of invocation.args ?? []) words.push(argWord(arg));
  for (const name of optionsOf(spec, invocation)) {
    const option = spec.options[name];
    if (!option || (option.quiet && !required.has(name))) continue;
    const word = optionWord(name, option);
    words.push(required.has(name) ? word : `[${word}]`);
  }
  return words.join(" ");
}

/** Every usage line of the command, joined as the old hand-written ones were. */
export function usageText(spec: AnyCommandSpec): string {
  const actions = actionsOf(spec);
  const lines = actions.length
    ? actions.map(([name, action]) => usageLine(spec, name, action))
    : [usageLine(spec, "", ownInvocation(spec))];
  return lines.join("\n       ");
}

const both = (text: { zh: string; en: string }): string => `${text.zh} / ${text.en}`;

function optionRows(spec: AnyCommandSpec, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const option = spec.options[name];
    if (!option) return [];
    const flag = `${option.short ? `-${option.short}, ` : "    "}${optionWord(name, option)}`;
    const extra =
      option.default !== undefined && option.type === "string" ? `（默认 / default ${option.default}）` : "";
    return [`  ${flag.padEnd(28)} ${both(option.help)}${extra}`];
  });
}

function argRows(args: readonly PositionalSpec[] | undefined): string[] {
  return (args ?? []).map((a) => `  ${argWord(a).padEnd(28)} ${both(a.help)}`);
}

/** `trace-station CMD --help`, or `trace-station CMD ACTION --help` when `action` is known. */
export function helpText(spec: AnyCommandSpec, action: string | undefined): string {
  const chosen = action ? spec.actions?.[action] : undefined;
  if (action && chosen) {
    const options = optionsOf(spec, chosen);
    return [
      both(chosen.summary),
      `用法 / usage: ${usageLine(spec, action, chosen)}`,
      ...(chosen.args?.length ? ["", "参数 / arguments:", ...argRows(chosen.args)] : []),
      ...(options.length ? ["", "选项 / options:", ...optionRows(spec, options)] : []),
    ].join("\n");
  }
  const actions = actionsOf(spec);
  const allOptions = actions.length
    ? [...new Set([...actions.flatMap(([, a]) => a.options ?? []), ...(spec.common ?? [])])]
    : optionsOf(spec, ownInvocation(spec));
  return [
    both(spec.summary),
    `用法 / usage: ${usageText(spec)}`,
    ...(actions.length
      ? ["", "操作 / actions:", ...actions.map(([name, a]) => `  ${name.padEnd(28)} ${both(a.summary)}`)]
      : argRows(spec.args).length
        ? ["", "参数 / arguments:", ...argRows(spec.args)]
        : []),
    ...(allOptions.length ? ["", "选项 / options:", ...optionRows(spec, allOptions)] : []),
    ...(spec.notes?.length ? ["", ...spec.notes.map(both)] : []),
    ...(actions.length
      ? ["", `trace-station ${spec.name} <操作/action> --help 查看各操作 / for one action`]
      : []),
  ].join("\n");
}
