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

function newestSource(root: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_ROOTS) walk(join(root, dir));
  for (const file of BUILD_INPUTS) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/** Whether dist/ in `root` is missing or older than a source or build input. */
export function buildIsStale(root = "."): boolean {
  let builtAt = 0;
  try {
    builtAt = statSync(join(root, BUILT)).mtimeMs;
  } catch {
    // no build yet
  }
  return builtAt < newestSource(root);
}

export default function setup(): void {
  if (!buildIsStale()) return;
  execFileSync(join("node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], { stdio: "inherit" });
}
