import type { Bilingual } from "../../core/code-entry.js";

/**
 * The one declaration of a `trace-station` command (see edge/cli/README.md): parsing, usage
 * lines, `--help` and shell completion are all derived from it, so they cannot drift apart.
 */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string | boolean;
  /** The value's placeholder in usage lines: FILE, ID, TIME. */
  readonly value?: string;
  /** The only values accepted (checked when parsing, offered by completion). */
  readonly choices?: readonly string[];
  /** Left out of usage lines (still in the option list of --help): --config, --data. */
  readonly quiet?: boolean;
  readonly help: Bilingual;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface PositionalSpec {
  readonly name: string;
  readonly help: Bilingual;
  readonly optional?: boolean;
  /** Takes every remaining word (last positional only). */
  readonly variadic?: boolean;
}

/** What an action (or a command without actions) takes besides the command's common options. */
export interface InvocationSpec<K extends string> {
  readonly options?: readonly K[];
  readonly required?: readonly K[];
  readonly args?: readonly PositionalSpec[];
}

export interface ActionSpec<K extends string> extends InvocationSpec<K> {
  readonly summary: Bilingual;
}

type ScalarOf<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S extends { readonly choices: readonly (infer C extends string)[] }
    ? C
    : string;

type ValueOf<S extends OptionSpec> = S["multiple"] extends true ? ScalarOf<S>[] : ScalarOf<S>;

/** The parsed options, typed from their declaration: a default makes a value always present. */
export type OptionValues<O extends OptionSpecs> = {
  -readonly [K in keyof O]: O[K] extends { readonly default: string | boolean }
    ? ValueOf<O[K]>
    : ValueOf<O[K]> | undefined;
};

export interface Invocation<O extends OptionSpecs, A extends string> {
  /** The action typed after the command (or its default action); "" for a command without actions. */
  action: A;
  values: OptionValues<O>;
  /** The positionals after the action, in order. */
  args: string[];
  /** The generated usage, for a CLI_USAGE error the command raises itself. */
  usage: string;
}

export interface CommandSpec<O extends OptionSpecs, A extends string> {
  readonly name: string;
  readonly summary: Bilingual;
  /** Every option of the command; a command without actions takes them all. */
  readonly options: O;
  /** For a command without actions: its required options and its positionals. */
  readonly required?: readonly (keyof O & string)[];
  readonly args?: readonly PositionalSpec[];
  /** Options every action takes (e.g. --config, --data, --json). */
  readonly common?: readonly (keyof O & string)[];
  readonly actions?: { readonly [N in A]: ActionSpec<keyof O & string> };
  /** The action run when none is typed (`alarms` = `alarms list`). */
  readonly defaultAction?: NoInfer<A>;
  /** Lines added at the end of --help, each in both languages. */
  readonly notes?: readonly Bilingual[];
  run(invocation: Invocation<O, A>): Promise<number>;
}

/** A command of any option and action types, as the derived texts and completion read it. */
export type AnyCommandSpec = CommandSpec<OptionSpecs, string>;
