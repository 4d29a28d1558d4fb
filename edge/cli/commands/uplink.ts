import "../cli-codes.js";
import "../../uplink/uplink-codes.js";
import { StationError } from "../../core/station-error.js";
import { listFailures, queueRetries } from "../../uplink/retry.js";
import { persistedFacts, retentionCounts, type SinkStatus, sinkStatus } from "../../uplink/status.js";
import { EXIT_OK } from "../command.js";
import { openCliContext } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const time = (ms: number | null): string => (ms === null ? "-" : new Date(ms).toISOString());

function human(s: SinkStatus): string {
  return [
    `${s.name} (${s.type})`,
    `  积压 / backlog: ${s.backlog}   最早 / oldest: ${Math.round(s.oldestAgeMs / 1000)} s`,
    `  上次成功 / last success: ${time(s.lastSuccessAt)}`,
    `  上次错误 / last error:   ${time(s.lastErrorAt)} ${s.lastError ?? ""}`.trimEnd(),
    `  被拒记录 / refused: ${s.failed}`,
  ].join("\n");
}

/**
 * Delivery state of every configured sink, read from the database (the running station
 * persists it several times a second), and `retry` to queue refused records again.
 */
export const uplinkCommand = defineCommand({
  name: "uplink",
  summary: {
    zh: "查看上传积压与错误，重试被拒记录",
    en: "show upload backlog and errors; retry refused records",
  },
  options: {
    ...DATA_OPTION_SPECS,
    sink: { type: "string", value: "NAME", help: { zh: "只看/只重试此通道", en: "this sink only" } },
  },
  common: [...DATA_COMMON, "sink"],
  actions: {
    status: { summary: { zh: "积压、错误、被拒记录", en: "backlog, errors, refused records" } },
    retry: { summary: { zh: "被拒记录重新排队", en: "queue refused records again" } },
  },
  async run({ action, values, usage }) {
    const ctx = openCliContext(values);
    try {
      const sinks = ctx.loaded.config.uplink.sinks;
      if (values.sink !== undefined && !sinks.some((s) => s.name === values.sink)) {
        throw new StationError("UPLINK_SINK_UNKNOWN", `没有上传通道 / no sink named ${values.sink}`, {
          sink: values.sink,
        });
      }
      if (action === "status") {
        const now = Date.now();
        const statuses = sinks.map((s) => sinkStatus(ctx.db, persistedFacts(ctx.db, s.name, s.type), now));
        const retention = retentionCounts(ctx.db);
        const failures = listFailures(ctx.db, values.sink);
        if (values.json) {
          process.stdout.write(`${JSON.stringify({ sinks: statuses, retention, failures })}\n`);
          return EXIT_OK;
        }
        if (statuses.length === 0)
          process.stdout.write("未配置上传通道 / no sinks configured (uplink.sinks)\n");
        for (const s of statuses) process.stdout.write(`${human(s)}\n`);
        process.stdout.write(
          `保留策略 / retention: 删除 dropped ${retention.dropped}, 合并 rolled up ${retention.rolledUp} → ${retention.rollupsWritten}\n`,
        );
        for (const f of failures) {
          process.stdout.write(
            `  ✗ [${f.sink}] ${f.recordId} (${f.kind}, ${f.state}, ×${f.attempts}) ${time(f.failedAt)}: ${f.reason}\n`,
          );
        }
        return EXIT_OK;
      }
      if (action === "retry") {
        const queued = queueRetries(ctx.db, values.sink);
        if (values.json) process.stdout.write(`${JSON.stringify({ queued })}\n`);
        else process.stdout.write(`已排队重试 / queued for retry: ${queued}\n`);
        return EXIT_OK;
      }
      throw new StationError("CLI_USAGE", `需要 status 或 retry / need status or retry\n用法: ${usage}`);
    } finally {
      ctx.close();
    }
  },
});
