import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importsOf, productImports } from "../../helpers/import-graph.js";
import { layeringViolations } from "../../helpers/layering.js";

const at = (path: string, source: string) => layeringViolations(importsOf(path, source));

describe("layers (ARCHITECTURE.md)", () => {
  it("no product import runs upward or sideways", () => {
    const violations = layeringViolations(productImports(".")).map(
      (v) => `${v.at} → ${v.imports}: ${v.rule}`,
    );
    expect(violations).toEqual([]);
  });

  it("the check sees an upward import in each lower layer", () => {
    expect(at("edge/core/clock.ts", `import { x } from "../intake/intake.js";`)).toHaveLength(1);
    expect(at("edge/core/clock.ts", `import type { X } from "../config/schema.js";`)).toHaveLength(1);
    expect(at("labels/template.ts", `import { StationError } from "../edge/intake/intake.js";`)).toHaveLength(
      1,
    );
    expect(
      at("drivers/driver-hub.ts", `import type { DeviceKind } from "../broker/device-registry.js";`),
    ).toHaveLength(1);
    expect(
      at("broker/mqtt-broker.ts", `import type { Intake } from "../edge/intake/intake.js";`),
    ).toHaveLength(1);
    expect(at("drivers/x.ts", `export { a } from "../labels/layout.js";`)).toHaveLength(1);
    expect(at("labels/x.ts", `import "../drivers/driver-codes.js";`)).toHaveLength(1);
    expect(at("labels/x.ts", `const m = await import("../edge/app.js");`)).toHaveLength(1);
    // Multi-line clauses, and `{ type A }` next to a value, are still runtime imports.
    expect(at("labels/x.ts", `import {\n  type A,\n  b,\n} from "../edge/http/html.js";`)).toHaveLength(1);
  });

  it("the check lets through what the layers allow", () => {
    expect(at("labels/template.ts", `import { StationError } from "../edge/core/station-error.js";`)).toEqual(
      [],
    );
    expect(at("labels/x.ts", `import type { Row } from "../edge/domain/records.js";`)).toEqual([]);
    expect(at("labels/x.ts", `import { type A, type B } from "../edge/domain/records.js";`)).toEqual([]);
    expect(at("drivers/scale/x.ts", `import { y } from "../transport/byte-transport.js";`)).toEqual([]);
    expect(at("edge/app.ts", `import { MqttBroker } from "../broker/mqtt-broker.js";`)).toEqual([]);
    expect(at("edge/core/x.ts", `import { pino } from "pino";`)).toEqual([]);
  });
});

describe("ARCHITECTURE.md matches the tree", () => {
  const page = readFileSync("ARCHITECTURE.md", "utf8");
  const named = new Set([...page.matchAll(/`([^`\s]+)`/g)].map((m) => m[1] ?? ""));
  const repoPath = /^(edge|broker|drivers|labels|systemd|test)(\/|$)/;

  it("names every folder of the product", () => {
    const folders = [
      "broker/",
      "drivers/",
      "labels/",
      "systemd/",
      ...readdirSync("edge", { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => `edge/${e.name}/`),
    ];
    expect(folders.filter((folder) => !named.has(folder))).toEqual([]);
  });

  it("every path it names exists", () => {
    const missing = [...named].filter((path) => repoPath.test(path) && !existsSync(path));
    expect(missing).toEqual([]);
  });
});
