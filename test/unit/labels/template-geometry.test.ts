import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadTemplates } from "../../../labels/template.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function load(items: unknown[]): () => unknown {
  const d = mkdtempSync(join(tmpdir(), "trace-geometry-"));
  dir = d;
  writeFileSync(
    join(d, "own.json"),
    JSON.stringify({ id: "own", kind: "package", widthMm: 40, heightMm: 30, items }),
  );
  return () => loadTemplates([d]);
}

/** A template that would cut glyphs off is refused when loaded, naming the element. */
describe("template layout check", () => {
  it("takes text that fits beside its QR code", () => {
    expect(
      load([
        { type: "text", x: 1, y: 1, size: 3, width: 22, text: "{productName}" },
        { type: "qr", x: 24, y: 1, size: 15 },
      ]),
    ).not.toThrow();
  });

  it("refuses a text row whose width runs into the QR code", () => {
    expect(
      load([
        { type: "text", x: 1, y: 1, size: 3, text: "{productName}" },
        { type: "qr", x: 24, y: 1, size: 15 },
      ]),
    ).toThrow(/\/items\/0: .*QR/);
  });

  it("refuses a row past the right edge and one past the bottom", () => {
    expect(load([{ type: "text", x: 20, y: 1, size: 3, width: 22, text: "{lot}" }])).toThrow(
      /right edge \(42 > 40 mm\)/,
    );
    expect(load([{ type: "text", x: 1, y: 28, size: 3, text: "{serial}" }])).toThrow(/bottom edge/);
    expect(load([{ type: "text", x: 1, y: 24, size: 3, maxLines: 2, text: "{producer}" }])).toThrow(
      /bottom edge/,
    );
  });
});
