import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../../helpers/station.js";
import { buildIsStale } from "../../setup/build-dist.js";

/** Tests test the sources: a stale build is rebuilt, and route types come from the schemas. */
describe("tests run what the sources say", () => {
  it("the integration and browser projects see a build older than any source as stale", () => {
    const root = tempDir("build-stale");
    try {
      for (const dir of ["edge", "broker", "drivers", "labels", "dist/edge"])
        mkdirSync(join(root, dir), { recursive: true });
      for (const file of ["tsconfig.json", "package.json", "edge/app.ts", "labels/layout.ts"]) {
        writeFileSync(join(root, file), "");
      }
      const at = (file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);
      for (const file of ["tsconfig.json", "package.json", "edge/app.ts", "labels/layout.ts"]) at(file, 1000);
      expect(buildIsStale(root)).toBe(true); // never built
      writeFileSync(join(root, "dist/edge/app.js"), "");
      at("dist/edge/app.js", 2000);
      expect(buildIsStale(root)).toBe(false);
      at("labels/layout.ts", 3000); // an edit after the build
      expect(buildIsStale(root)).toBe(true);
    } finally {
      removeDir(root);
    }
  });

  it("no route file casts request params, body or query by hand (the TypeBox type provider types them)", () => {
    const casts = readdirSync("edge/http")
      .filter((name) => name.endsWith(".ts"))
      .flatMap((name) =>
        readFileSync(join("edge/http", name), "utf8")
          .split("\n")
          .map((line, i) => ({ at: `edge/http/${name}:${i + 1}`, line }))
          .filter(({ line }) => /request\.(params|body|query)\)? as /.test(line)),
      )
      .map(({ at }) => at);
    expect(casts).toEqual([]);
  });
});
