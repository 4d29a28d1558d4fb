import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The release's version from its package.json: two levels up from edge/cli in a checkout,
 * three from dist/edge/cli in a release. A technician on box 37 reads it off `--version`.
 */
export function stationVersion(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    const file = fileURLToPath(new URL(up, import.meta.url));
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "trace-station" && pkg.version) return pkg.version;
  }
  return "unknown";
}

export function versionLine(): string {
  return `trace-station ${stationVersion()} (Node.js ${process.version}, ${process.platform}-${process.arch})`;
}
