import type { ConfigProblem } from "../config/load.js";
import type { StationConfig } from "../config/schema.js";
import { effectivePrinters } from "../printing/effective-printers.js";

/**
 * A line names a printer the station has and that prints package labels, and each scale has
 * one entry: otherwise the line's first carton would fail at the printer instead of at start.
 */
export function linePrinterProblems(
  config: Pick<StationConfig, "lines" | "printers" | "demo">,
): ConfigProblem[] {
  const printers = effectivePrinters(config);
  const packagePrinters = printers.filter((p) => p.use.includes("package")).map((p) => p.name);
  const known = packagePrinters.length > 0 ? packagePrinters.join(", ") : "（无 / none）";
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  config.lines.forEach((line, i) => {
    const first = seen.get(line.scale);
    if (first !== undefined) {
      problems.push({
        path: `/lines/${i}/scale`,
        message: `秤 "${line.scale}" 已在 /lines/${first} 指定打印机 / scale "${line.scale}" is already at /lines/${first}`,
        remedy: "每台秤只写一项，删除重复项 / one entry per scale: remove the duplicate",
      });
    } else seen.set(line.scale, i);
    const printer = printers.find((p) => p.name === line.printer);
    if (!printer) {
      problems.push({
        path: `/lines/${i}/printer`,
        message: `包装线 ${line.scale} 的打印机 "${line.printer}" 不存在 / unknown printer "${line.printer}" for line ${line.scale}`,
        remedy: `填 printers 中打印包装标签的打印机名称 / name a package printer from printers: ${known}`,
      });
    } else if (!printer.use.includes("package")) {
      problems.push({
        path: `/lines/${i}/printer`,
        message: `打印机 "${line.printer}" 不打印包装标签（use 没有 package）/ printer "${line.printer}" does not print package labels`,
        remedy: `在该打印机的 use 中加 package，或换一台 / add package to its use, or name another: ${known}`,
      });
    }
  });
  return problems;
}
