import "../cli-codes.js";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { StationError } from "../../core/station-error.js";
import type { CommandSpec, Invocation, InvocationSpec, OptionSpecs, OptionValues } from "./command-spec.js";
import { optionsOf, ownInvocation, usageLine, usageText } from "./usage-text.js";

type ParseOptions = NonNullable<ParseArgsConfig["options"]>;

function parseArgsOptions(options: OptionSpecs): ParseOptions {
  const out: ParseOptions = {};
  for (const [name, o] of Object.entries(options)) {
    out[name] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.default !== undefined ? { default: o.default } : {}),
    } as ParseOptions[string];
  }
  return out;
}

const usageFailure = (message: string, usage: string): StationError =>
  new StationError("CLI_USAGE", `${message}\n用法 / usage: ${usage}`);

/**
 * Parse a command's words against its declaration, strictly: unknown options, an option the
 * chosen action does not take, a missing required option or positional, a value outside its
 * choices, extra positionals all give CLI_USAGE with the generated usage.
 */
export function parseInvocation<O extends OptionSpecs, A extends string>(
  spec: CommandSpec<O, A>,
  argv: string[],
): Invocation<O, A> {
  let usage = usageText(spec);
  let parsed: ReturnType<typeof parseArgs<{ tokens: true; allowPositionals: true; options: ParseOptions }>>;
  try {
    parsed = parseArgs({
      args: argv,
      options: parseArgsOptions(spec.options),
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (err) {
    throw usageFailure(err instanceof Error ? err.message : String(err), usage);
  }
  const words = [...parsed.positionals];
  let action = "";
  let invocation = ownInvocation(spec);
  if (spec.actions) {
    const actions = spec.actions as Record<string, InvocationSpec<string>>;
    const first = words[0];
    if (first !== undefined && Object.hasOwn(actions, first)) {
      action = first;
      words.shift();
    } else if (spec.defaultAction !== undefined && first === undefined) {
      action = spec.defaultAction;
    } else {
      throw first === undefined
        ? new StationError("CLI_USAGE", `用法 / usage: ${usage}`)
        : usageFailure(`未知操作 / unknown action: ${first}`, usage);
    }
    invocation = actions[action] ?? invocation;
    // From here on a mistake is about this action: show its own line.
    usage = usageLine(spec, action, invocation);
  }
  const where = action ? `${spec.name} ${action}` : spec.name;
  const allowed = new Set(optionsOf(spec, invocation));
  for (const token of parsed.tokens) {
    if (token.kind === "option" && !allowed.has(token.name))
      throw usageFailure(`--${token.name} 不适用于 ${where} / does not apply to ${where}`, usage);
  }
  const values = parsed.values as Record<string, string | boolean | Array<string | boolean> | undefined>;
  for (const name of invocation.required ?? []) {
    const v = values[name];
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0))
      throw usageFailure(`需要 --${name} / --${name} is required`, usage);
  }
  for (const [name, option] of Object.entries(spec.options)) {
    const v = values[name];
    if (!option.choices || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) {
      if (!option.choices.includes(String(one)))
        throw usageFailure(
          `--${name} 只能是 ${option.choices.join("、")} / must be one of ${option.choices.join(", ")}`,
          usage,
        );
    }
  }
  const args = invocation.args ?? [];
  args.forEach((arg, i) => {
    if (!arg.optional && !arg.variadic && (words[i] === undefined || words[i] === ""))
      throw usageFailure(`需要 ${arg.name} / ${arg.name} is required`, usage);
  });
  if (!args.at(-1)?.variadic && words.length > args.length)
    throw usageFailure(`多余的参数 / unexpected argument: ${words[args.length]}`, usage);
  // The runtime checks above (types by parseArgs, choices here) are what this type states.
  return { action: action as A, values: values as OptionValues<O>, args: words, usage };
}
