import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => readFileSync(file, "utf8");

/**
 * Incident: CI stayed green while `npm ci` failed on every fresh clone, because CI ran
 * `npm install`, which rewrites a drifted lock. The README's commands, CI and install.sh all
 * use `npm ci`, and the Node floor is said the same way everywhere it is checked.
 */
describe("one reproducible install", () => {
  it("README's two commands and .ci/run install with npm ci, never npm install", () => {
    const readme = read("README.md");
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
    expect(readme).not.toMatch(/npm install &&/);
    const ci = read(".ci/run");
    expect(ci).toMatch(/^npm ci\b.*&& npm test$/m);
    expect(ci).not.toMatch(/npm install/);
    expect(read("systemd/install.sh")).toContain("npm ci --omit=dev");
  });

  it("engines is the floor install.sh and the .deb check", () => {
    const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
    expect(engines).toBe("^20.19.0 || >=22.12.0");
    expect(read("systemd/install.sh")).toContain(`need ${engines}`);
    expect(read("systemd/make-deb.sh")).toContain("NODE_FLOOR=20.19");
  });
});
