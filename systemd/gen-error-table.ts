// Regenerates the error-code table in systemd/README.md from edge/errors/catalog.ts:
//   npm run docs:codes            rewrite the table
//   npm run docs:codes -- --check exit 1 when the table is out of date
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { errorCatalog } from "../edge/errors/catalog.js";
import { updateGuide } from "../edge/ops/error-table.js";

const guidePath = fileURLToPath(new URL("./README.md", import.meta.url));
const guide = readFileSync(guidePath, "utf8");
const updated = updateGuide(guide, errorCatalog);
if (process.argv.includes("--check")) {
  if (updated !== guide) {
    process.stderr.write("systemd/README.md 错误代码表已过期 / error table is stale: npm run docs:codes\n");
    process.exit(1);
  }
} else if (updated !== guide) {
  writeFileSync(guidePath, updated);
  process.stdout.write(`已更新 / updated ${guidePath} (${Object.keys(errorCatalog).length} codes)\n`);
}
