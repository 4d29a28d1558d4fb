// Regenerates the error-code table in systemd/README.md from edge/error-catalog.ts:
//   npm run docs:codes            rewrite the table (then formatted by Biome, as `npm run lint` expects)
//   npm run docs:codes -- --check exit 1 when a code in the catalogue has no row
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { errorCatalog } from "../edge/error-catalog.js";
import { codesInGuide, updateGuide } from "../edge/ops/error-table.js";

const guidePath = fileURLToPath(new URL("./README.md", import.meta.url));
const guide = readFileSync(guidePath, "utf8");
if (process.argv.includes("--check")) {
  const rows = codesInGuide(guide);
  const missing = Object.keys(errorCatalog).filter((code) => !rows.has(code));
  if (missing.length > 0) {
    process.stderr.write(`systemd/README.md 缺少 / lacks ${missing.join(", ")}: npm run docs:codes\n`);
    process.exit(1);
  }
} else {
  writeFileSync(guidePath, updateGuide(guide, errorCatalog));
  const biome = fileURLToPath(new URL("../node_modules/.bin/biome", import.meta.url));
  spawnSync(biome, ["format", "--write", guidePath], { stdio: "ignore" });
  process.stdout.write(`已更新 / updated ${guidePath} (${Object.keys(errorCatalog).length} codes)\n`);
}
