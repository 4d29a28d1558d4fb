import "../cli-codes.js";
import { StationError } from "../../core/station-error.js";
import { need, numberOption, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import type { IncomingLot } from "../../domain/records.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  "trace-station incoming add CODE [--supplier NAME] [--origin 产地] [--quantity N --unit U] [--at TIME] [--json]",
  "trace-station incoming receive ID [--supplier NAME] [--origin 产地] [--quantity N --unit U] [--json]",
  "trace-station incoming link LOT ID",
  "trace-station incoming list [--status candidate|received] [--json]",
].join("\n       ");

const human = (i: IncomingLot): string =>
  [
    String(i.id).padStart(4),
    i.status.padEnd(9),
    i.codeKind.padEnd(20),
    (i.supplier ?? "-").padEnd(10),
    i.quantity === null ? "-" : `${i.quantity}${i.unit ?? ""}`,
    i.rawCode,
  ].join("  ");

/** Incoming lots (来货批次): supplier certificates or trace codes typed or scanned. */
export const incomingCommand: Command = {
  name: "incoming",
  summary: { zh: "登记、确认、关联来货批次", en: "add, receive and link incoming lots" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          supplier: { type: "string" },
          origin: { type: "string" },
          quantity: { type: "string" },
          unit: { type: "string" },
          at: { type: "string" },
          status: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action, a, b] = positionals;
    const cli = openDomainCli(values);
    const d = cli.domain;
    const details = {
      supplier: values.supplier,
      // 产地 on the supplier's certificate: a buyer's certificate prints it.
      origin: values.origin,
      quantity: numberOption(values.quantity, "quantity"),
      unit: values.unit,
    };
    try {
      switch (action) {
        case "add": {
          const i = d.incoming.add(
            { rawCode: need(a, "CODE", usage), ...details, receivedAt: cli.time(values.at, "at") },
            { source: "cli" },
            "received",
          );
          printResult(i, values.json, () => `来货已登记 / incoming lot: ${human(i)}`);
          return EXIT_OK;
        }
        case "receive": {
          const i = d.incoming.receive(Number(need(a, "ID", usage)), details);
          printResult(i, values.json, () => `已确认 / received: ${human(i)}`);
          return EXIT_OK;
        }
        case "link": {
          d.batches.linkIncoming(need(a, "LOT", usage), Number(need(b, "ID", usage)));
          printResult({ lot: a, incomingId: Number(b) }, values.json, () => `${a} ← 来货 / incoming ${b}`);
          return EXIT_OK;
        }
        case "list": {
          const status = values.status;
          if (status !== undefined && status !== "candidate" && status !== "received") {
            throw new StationError("CLI_USAGE", usage);
          }
          printRows(d.incoming.list({ status }), values.json ?? false, human);
          return EXIT_OK;
        }
        default:
          throw usageError(usage);
      }
    } finally {
      cli.close();
    }
  },
};
