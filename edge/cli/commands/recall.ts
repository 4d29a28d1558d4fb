import "../../shipments/shipment-codes.js";
import { StationError } from "../../core/station-error.js";
import { openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { recallText } from "../../shipments/recall-text.js";
import type { Command } from "../command.js";
import { EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs } from "../context.js";

const usage = "trace-station recall (--batch LOT | --incoming SUPPLIER_LOT) [--json]";

/** 召回: every batch made from a supplier lot and every shipment, buyer and contact, in one query. */
export const recallCommand: Command = {
  name: "recall",
  summary: { zh: "召回查询：批次或来货批次的全部去向", en: "recall: where a batch or supplier lot went" },
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { options: { ...DATA_OPTIONS, batch: { type: "string" }, incoming: { type: "string" } } },
      usage,
    );
    if ((values.batch === undefined) === (values.incoming === undefined)) {
      throw new StationError(
        "SHIPMENT_RECALL_QUERY",
        `用 --batch 或 --incoming 其一 / one of --batch, --incoming\n用法 / usage: ${usage}`,
      );
    }
    const cli = openDomainCli(values);
    try {
      const query =
        values.batch !== undefined ? { batch: values.batch } : { incoming: values.incoming ?? "" };
      const started = performance.now();
      const report = cli.domain.shipments.recall.run(query);
      const elapsedMs = Math.round((performance.now() - started) * 100) / 100;
      printResult(
        { ...report, elapsedMs },
        values.json,
        () => `${recallText(report, cli.zone)}\n(${elapsedMs} ms)`,
      );
      return EXIT_OK;
    } finally {
      cli.close();
    }
  },
};
