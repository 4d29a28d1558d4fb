import "../../shipments/shipment-codes.js";
import "../cli-codes.js";
import { userInfo } from "node:os";
import { StationError } from "../../core/station-error.js";
import { day, need, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import type { Actor } from "../../http/actor.js";
import type { Shipment } from "../../shipments/shipment-records-types.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  "trace-station shipment add (--buyer ID | --name NAME [--id-number NO] [--phone TEL] (--market M | --address A))",
  "      [--scan LABEL ...] [--lot LOT=KG ...] [--cert NUMBER ...] [--plate 车牌] [--at TIME] [--json]",
  "trace-station shipment list [--json]",
  "trace-station shipment show NUMBER [--json]",
  "trace-station shipment stock LOT [--json]",
  "trace-station shipment buyers [TEXT] [--json]",
].join("\n       ");

const human = (s: Shipment, zone: string): string =>
  `${s.number}  ${day(s.shippedAt, zone)}  → ${s.buyer.name}  ${s.totals.packageCount} 件  ${s.totals.netKg} kg${s.vehiclePlate ? `  ${s.vehiclePlate}` : ""}`;

/** `--lot LOT=KG`: a quantity from a batch shipped without package labels. */
function lineOf(text: string): { lot: string; quantityKg: number } {
  const at = text.lastIndexOf("=");
  const quantityKg = Number(text.slice(at + 1));
  if (at <= 0 || !Number.isFinite(quantityKg) || quantityKg <= 0) {
    throw new StationError("CLI_USAGE", `--lot 应为 批次码=千克 / --lot wants LOT=KG: ${text}`);
  }
  return { lot: text.slice(0, at), quantityKg };
}

/** 出库: shipments to buyers from the command line (a technician entering paper delivery notes). */
export const shipmentCommand: Command = {
  name: "shipment",
  summary: { zh: "出库登记、查询与批次余量", en: "record and list shipments, batch stock" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          buyer: { type: "string" },
          name: { type: "string" },
          "id-number": { type: "string" },
          phone: { type: "string" },
          market: { type: "string" },
          address: { type: "string" },
          scan: { type: "string", multiple: true },
          lot: { type: "string", multiple: true },
          cert: { type: "string", multiple: true },
          plate: { type: "string" },
          at: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action, arg] = positionals;
    const cli = openDomainCli(values);
    const s = cli.domain.shipments;
    try {
      switch (action) {
        case "add": {
          const actor: Actor = { id: null, name: `cli:${userInfo().username}`, role: "technician" };
          const buyer =
            values.buyer !== undefined
              ? { buyerId: Number(values.buyer) }
              : {
                  buyer: {
                    name: need(values.name, "--name", usage),
                    idNumber: values["id-number"],
                    phone: values.phone,
                    market: values.market,
                    address: values.address,
                  },
                };
          const shipment = s.records.create(
            {
              ...buyer,
              shippedAt: cli.time(values.at, "at"),
              scans: values.scan ?? [],
              lines: (values.lot ?? []).map(lineOf),
              certificates: values.cert ?? [],
              vehiclePlate: values.plate,
            },
            actor,
          );
          printResult(shipment, values.json, () => `已出库 / shipped: ${human(shipment, cli.zone)}`);
          return EXIT_OK;
        }
        case "list":
          printRows(s.read.list({ limit: 200 }), values.json ?? false, (x) => human(x, cli.zone));
          return EXIT_OK;
        case "show": {
          const number = need(arg, "NUMBER", usage);
          const shipment = s.read.requireByNumber(number);
          printResult(shipment, values.json, () =>
            [human(shipment, cli.zone), ...shipment.packages.map((p) => `  ${p.serial}  ${p.netKg} kg`)].join(
              "\n",
            ),
          );
          return EXIT_OK;
        }
        case "stock": {
          const stock = s.read.stock(need(arg, "LOT", usage));
          printResult(
            stock,
            values.json,
            () =>
              `${stock.lot}: 剩余 / left ${stock.remainingCount} 件 ${stock.remainingKg} kg（已出库 / shipped ${stock.shippedCount} 件 ${stock.shippedKg} kg）`,
          );
          return EXIT_OK;
        }
        case "buyers":
          printRows(s.buyers.search(arg ?? ""), values.json ?? false, (b) =>
            [String(b.id).padStart(4), b.name, b.phone ?? "-", b.market ?? b.address ?? "-"].join("  "),
          );
          return EXIT_OK;
        default:
          throw usageError(usage);
      }
    } finally {
      cli.close();
    }
  },
};
