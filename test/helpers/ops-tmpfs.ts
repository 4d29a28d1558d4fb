import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SmallFs {
  dir: string;
  unmount(): void;
}

/**
 * A real, small filesystem for disk-full tests: a tmpfs of `sizeMb` (tests run as root in CI).
 * Returns the reason instead when mounting is not permitted here, for a clear skip message.
 */
export function mountTmpfs(sizeMb: number): SmallFs | string {
  const dir = mkdtempSync(join(tmpdir(), "ops-tmpfs-"));
  const run = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0755`, "tmpfs", dir], {
    encoding: "utf8",
  });
  if (run.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `无法挂载 tmpfs / cannot mount a tmpfs here: ${run.stderr || run.error?.message || run.status}`;
  }
  return {
    dir,
    unmount() {
      spawnSync("umount", ["-l", dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Write `mb` megabytes of zeros (tmpfs allocates them: the space is really used). */
export function fill(file: string, mb: number): void {
  spawnSync("dd", ["if=/dev/zero", `of=${file}`, "bs=1M", `count=${mb}`], { encoding: "utf8" });
}
