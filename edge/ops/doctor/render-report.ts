import type { CheckStatus } from "./check-result.js";
import type { DoctorReport } from "./run-doctor.js";

const MARK: Record<CheckStatus, string> = { ok: "✓", warn: "!", fail: "✗", skip: "–" };

/** The report for a technician at a terminal: one line per check, the remedy under each problem. */
export function renderReport(report: DoctorReport): string {
  const lines = [
    `trace-station doctor  ${report.at}`,
    `配置 / config: ${report.configSource}${report.dataDir ? `   数据 / data: ${report.dataDir}` : ""}`,
    "",
  ];
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]} ${check.title.zh} / ${check.title.en}: ${indent(check.detail)}`);
    if (check.remedy && (check.status === "fail" || check.status === "warn")) {
      lines.push(`    → ${check.remedy.zh}`);
      lines.push(`      ${check.remedy.en}${check.code ? `  [${check.code}]` : ""}`);
    }
  }
  const failed = report.checks.filter((c) => c.status === "fail").length;
  const warned = report.checks.filter((c) => c.status === "warn").length;
  lines.push("");
  lines.push(
    failed === 0
      ? `✓ 全部通过${warned ? `（${warned} 项提醒）` : ""} / all checks passed${warned ? ` (${warned} warning(s))` : ""}`
      : `✗ ${failed} 项未通过 / ${failed} check(s) failed`,
  );
  return `${lines.join("\n")}\n`;
}

function indent(text: string): string {
  return text.replace(/\n/g, "\n    ");
}
