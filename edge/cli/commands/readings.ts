import "../cli-codes.js";
import { StationError } from "../../core/station-error.js";
import { MESSAGE_ROW_COLUMNS, type MessageRow } from "../../store/message-row.js";
import { type Command, EXIT_OK } from "../command.js";
import { cliZone, DATA_OPTIONS, openCliContext, parseCommandArgs, parseTimeOption } from "../context.js";

const usage = "trace-station readings --device ID [--since TIME] [--kind KIND] [--limit N] [--json]";

/** Stored device messages as JSON lines, oldest first. */
export const readingsCommand: Command = {
  name: "readings",
  summary: { zh: "按设备列出已保存的消息（JSON 行）", en: "print a device's stored messages as JSON lines" },
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          device: { type: "string" },
          since: { type: "string" },
          kind: { type: "string" },
          limit: { type: "string" },
        },
      },
      usage,
    );
    if (!values.device)
      throw new StationError("CLI_USAGE", `需要 --device / --device is required\n用法: ${usage}`);
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
          values.device,
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
};
