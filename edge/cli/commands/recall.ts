import "../../shipments/shipment-codes.js";
import { StationError } from "../../core/station-error.js";
import { openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { recallText } from "../../shipments/recall-text.js";
import { EXIT_OK } from "../command.js";
import { DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** 召回: every batch made from a supplier lot and every shipment, buyer and contact, in one query. */
export const recallCommand = defineCommand({
  name: "recall",
  summary: { zh: "召回查询：批次或来货批次的全部去向", en: "recall: where a batch or supplier lot went" },
  options: {
    ...DATA_OPTION_SPECS,
    batch: {
      type: "string",
      value: "LOT",
      help: {
        zh: "本站批次码：其原料来货与全部出库",
        en: "a batch of this station: its supplier lots and shipments",
      },
    },
    incoming: {
      type: "string",
      value: "SUPPLIER_LOT",
      help: {
        zh: "来货批次（合格证编号或追溯码）：用到它的批次与全部出库",
        en: "a supplier lot (certificate number or trace code): the batches made from it and their shipments",
      },
    },
  },
  notes: [{ zh: "--batch 与 --incoming 二选一", en: "give one of --batch, --incoming" }],
  async run({ values, usage }) {
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
});
