import { describeCode, isErrorCode } from "../../error-catalog.js";
import { EXIT_OK } from "../command.js";
import { cliZone, openCliContext, parseTimeOption, printRows } from "../context.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

interface Row {
  id: number;
  device_id: string | null;
  topic: string;
  code: string;
  reason: string;
  payload: Buffer | null;
  payload_size: number;
  received_at: number;
}

/** Refused messages (the dead-letter table) with code, reason and remedy. */
export const rejectsCommand = defineCommand({
  name: "rejects",
  summary: { zh: "列出被拒收的消息及原因", en: "print refused messages with code and reason" },
  options: {
    ...DATA_OPTION_SPECS,
    device: { type: "string", value: "ID", help: { zh: "只看此设备", en: "this device only" } },
    since: { type: "string", value: "TIME", help: { zh: "从此时间起", en: "from this time" } },
    limit: { type: "string", value: "N", help: { zh: "最多条数", en: "at most this many" } },
  },
  async run({ values }) {
    const since = parseTimeOption(values.since, "since", cliZone(values)) ?? 0;
    const ctx = openCliContext(values);
    try {
      const rows = ctx.db
        .prepare(
          `SELECT id, device_id, topic, code, reason, payload, payload_size, received_at FROM dead_letters
           WHERE (? IS NULL OR device_id = ?) AND received_at >= ? ORDER BY id LIMIT ?`,
        )
        .all(
          values.device ?? null,
          values.device ?? null,
          since,
          values.limit ? Number(values.limit) : -1,
        ) as Row[];
      const shaped = rows.map((r) => ({
        id: r.id,
        device: r.device_id,
        topic: r.topic,
        code: r.code,
        reason: r.reason,
        remedy: isErrorCode(r.code) ? describeCode(r.code).remedy.zh : null,
        receivedAt: new Date(r.received_at).toISOString(),
        payloadSize: r.payload_size,
        payload: r.payload ? r.payload.toString("utf8") : null,
      }));
      printRows(shaped, values.json, (r) => `${r.receivedAt}  ${r.device ?? "-"}  ${r.code}  ${r.reason}`);
      return EXIT_OK;
    } finally {
      ctx.close();
    }
  },
});
