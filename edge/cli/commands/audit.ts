import "../cli-codes.js";
import "../../audit/audit-codes.js";
import { AuditLog, type AuditRow } from "../../audit/audit-log.js";
import { StationError } from "../../core/station-error.js";
import { EXIT_OK } from "../command.js";
import { cliZone, openCliContext, parseTimeOption, printRows } from "../context.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const human = (r: AuditRow): string =>
  [
    String(r.seq).padStart(6),
    new Date(r.at).toISOString(),
    `${r.actorName} (${r.actorRole})`.padEnd(24),
    r.op.padEnd(6),
    `${r.kind}/${r.recordId}`.padEnd(32),
    r.change.length > 120 ? `${r.change.slice(0, 117)}...` : r.change,
  ].join("  ");

export const auditCommand = defineCommand({
  name: "audit",
  summary: {
    zh: "查看审计记录（谁在何时改了什么），--verify 校验哈希链",
    en: "show the audit trail (who changed what, when); --verify checks its hash chain",
  },
  options: {
    ...DATA_OPTION_SPECS,
    since: { type: "string", value: "TIME", help: { zh: "从此时起", en: "from this time" } },
    actor: { type: "string", value: "NAME", help: { zh: "只看此人", en: "only this actor" } },
    limit: {
      type: "string",
      value: "N",
      help: { zh: "最多几行（默认 1000）", en: "at most this many rows (default 1000)" },
    },
    verify: {
      type: "boolean",
      default: false,
      help: { zh: "校验哈希链，指出第一处不符", en: "check the hash chain, naming the first bad row" },
    },
  },
  async run({ values, usage }) {
    const since = parseTimeOption(values.since, "since", cliZone(values));
    const limit = values.limit === undefined ? 1000 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new StationError(
        "CLI_USAGE",
        `--limit 须为正整数 / --limit must be a positive integer\n用法: ${usage}`,
      );
    }
    const ctx = openCliContext(values);
    try {
      const log = new AuditLog(ctx.db);
      if (values.verify) {
        const result = log.verify();
        if (!result.ok) {
          throw new StationError(
            "AUDIT_CHAIN_BROKEN",
            `审计记录第 ${result.seq} 行起不可信 / audit trail broken at row ${result.seq}: ${result.reason}`,
            { seq: result.seq, reason: result.reason },
          );
        }
        process.stdout.write(
          values.json
            ? `${JSON.stringify(result)}\n`
            : `审计哈希链完整 / audit chain intact: ${result.rows} rows\n`,
        );
        return EXIT_OK;
      }
      const rows = log.list({
        ...(since !== undefined ? { since } : {}),
        ...(values.actor !== undefined ? { actor: values.actor } : {}),
        limit,
      });
      printRows(rows, values.json, human);
      return EXIT_OK;
    } finally {
      ctx.close();
    }
  },
});
