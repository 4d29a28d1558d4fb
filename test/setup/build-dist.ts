import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Vitest global setup of the projects whose tests spawn the built CLI (`node dist/edge/cli/
 * main.js`, as systemd runs it). It rebuilds dist/ when any source is newer than the build, so
 * `npx vitest run one.test.ts` after an edit runs the edited code, not a stale build. Runs in
 * vitest's main process; the second project in the same run finds the build fresh.
 */
const SOURCE_ROOTS = ["edge", "broker", "drivers", "labels"];
const BUILD_INPUTS = ["tsconfig.json", "package.json"];
const BUILT = join("dist", "edge", "app.js");

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const root of SOURCE_ROOTS) walk(root);
  for (const file of BUILD_INPUTS) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

function builtAt(): number {
  try {
    return statSync(BUILT).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup(): void {
  if (builtAt() >= newestSource()) return;
  execFileSync(join("node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], { stdio: "inherit" });
}
