import type { Command } from "../command.js";
import type { CommandSpec, OptionSpecs } from "./command-spec.js";
import { completionOf } from "./completion-of.js";
import { parseInvocation } from "./parse-invocation.js";
import { helpText, usageText } from "./usage-text.js";

/**
 * A command from its declaration (edge/cli/README.md). The option and action names are
 * inferred as literals, so `values` and `action` in `run` are typed from the declaration.
 */
export function defineCommand<const O extends OptionSpecs, const A extends string = never>(
  spec: CommandSpec<O, A>,
): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: usageText(spec),
    run: (argv) => spec.run(parseInvocation(spec, argv)),
    help(argv) {
      const action = argv.find((w) => !w.startsWith("-") && spec.actions && Object.hasOwn(spec.actions, w));
      return helpText(spec, action);
    },
    completion: completionOf(spec),
  };
}
