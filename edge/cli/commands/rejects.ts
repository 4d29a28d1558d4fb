import { describeCode, isErrorCode } from "../../error-catalog.js";
import { type Command, EXIT_OK } from "../command.js";
import {
  cliZone,
  DATA_OPTIONS,
  openCliContext,
  parseCommandArgs,
  parseTimeOption,
  printRows,
} from "../context.js";

const usage = "trace-station rejects [--device ID] [--since TIME] [--limit N] [--json]";

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
export const rejectsCommand: Command = {
  name: "rejects",
  summary: { zh: "列出被拒收的消息及原因", en: "print refused messages with code and reason" },
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          device: { type: "string" },
          since: { type: "string" },
          limit: { type: "string" },
        },
      },
      usage,
    );
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
      printRows(
        shaped,
        values.json ?? false,
        (r) => `${r.receivedAt}  ${r.device ?? "-"}  ${r.code}  ${r.reason}`,
      );
      return EXIT_OK;
    } finally {
      ctx.close();
    }
  },
};
