import "../cli-codes.js";
import { need } from "../../domain/cli/domain-cli.js";
import { MESSAGE_ROW_COLUMNS, type MessageRow } from "../../store/message-row.js";
import { EXIT_OK } from "../command.js";
import { cliZone, openCliContext, parseTimeOption } from "../context.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** Stored device messages as JSON lines, oldest first. */
export const readingsCommand = defineCommand({
  name: "readings",
  summary: { zh: "按设备列出已保存的消息（JSON 行）", en: "print a device's stored messages as JSON lines" },
  options: {
    ...DATA_OPTION_SPECS,
    device: { type: "string", value: "ID", help: { zh: "设备编号", en: "device id" } },
    since: { type: "string", value: "TIME", help: { zh: "从此时间起", en: "from this time" } },
    kind: {
      type: "string",
      value: "KIND",
      help: { zh: "消息类型（如 reading）", en: "message kind (e.g. reading)" },
    },
    limit: { type: "string", value: "N", help: { zh: "最多条数", en: "at most this many" } },
  },
  required: ["device"],
  async run({ values, usage }) {
    const device = need(values.device, "--device", usage);
    const since = parseTimeOption(values.since, "since", cliZone(values)) ?? 0;
    const limit = values.limit ? Number(values.limit) : -1;
    const ctx = openCliContext(values);
    try {
      const rows = ctx.db
        .prepare(
          `SELECT ${MESSAGE_ROW_COLUMNS} FROM messages
           WHERE device_id = ? AND ts >= ? AND (? IS NULL OR kind = ?) ORDER BY ts, id LIMIT ?`,
        )
        .iterate(
          device,
          since,
          values.kind ?? null,
          values.kind ?? null,
          limit,
        ) as IterableIterator<MessageRow>;
      for (const row of rows) {
        const body = JSON.parse(row.payload) as Record<string, unknown>;
        const line = {
          id: row.id,
          device: row.device_id,
          kind: row.kind,
          ...body,
          msgId: row.msg_id,
          ts: new Date(row.ts).toISOString(),
          receivedAt: new Date(row.received_at).toISOString(),
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
      return EXIT_OK;
    } finally {
      ctx.close();
    }
  },
});
