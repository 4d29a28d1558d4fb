import { describe, expect, it } from "vitest";
import { commandLoaders } from "../../../edge/cli/commands/command-loaders.js";
import { commands } from "../../../edge/cli/commands/index.js";

describe("command loaders (the CLI loads only the command typed)", () => {
  it("name every shipped command, in the order of the help, and nothing else", () => {
    expect(Object.keys(commandLoaders)).toEqual(commands.map((c) => c.name));
  });

  it("load the very declaration the help, completion and declaration checks read", async () => {
    for (const command of commands) {
      expect(await commandLoaders[command.name]?.()).toBe(command);
    }
  });
});
