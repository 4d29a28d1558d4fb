import { describe, expect, it } from "vitest";
import { ConfigError, validateConfig } from "../../../edge/config/load.js";

const printers = [
  { name: "label1", kind: "tspl", transport: { type: "tcp", host: "10.0.0.5" } },
  { name: "receipt", kind: "escpos", use: ["certificate"], transport: { type: "tcp", host: "10.0.0.6" } },
];

function problems(raw: unknown) {
  try {
    validateConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return { code: err.code, problems: err.problems };
    throw err;
  }
  return { code: null, problems: [] };
}

describe("a packing line's printer in the config", () => {
  it("takes a line that names a package printer", () => {
    const { config } = validateConfig({ printers, lines: [{ scale: "scale1", printer: "label1" }] });
    expect(config.lines).toEqual([{ scale: "scale1", printer: "label1" }]);
  });

  it("refuses an unknown printer, one that prints no package labels, and a scale listed twice", () => {
    const found = problems({
      printers,
      lines: [
        { scale: "scale1", printer: "label9" },
        { scale: "scale2", printer: "receipt" },
        { scale: "scale2", printer: "label1" },
      ],
    });
    expect(found.code).toBe("CONFIG_INVALID");
    expect(found.problems.map((p) => p.path)).toEqual([
      "/lines/0/printer",
      "/lines/1/printer",
      "/lines/2/scale",
    ]);
    const unknown = found.problems[0];
    expect(unknown?.message).toContain('unknown printer "label9"');
    // The remedy names the printers that would do.
    expect(unknown?.remedy).toContain("label1");
    expect(unknown?.remedy).not.toContain("receipt");
    expect(found.problems[1]?.message).toContain("does not print package labels");
  });
});
