import { printResult } from "../../domain/cli/domain-cli.js";
import { rebuildRollups } from "../../domain/rollups/rebuild-rollups.js";
import { EXIT_OK } from "../command.js";
import { openCliContext, parseTimeOption } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** Recompute hourly rollups from stored readings (after placing sensors on sites late). */
export const rollupsCommand = defineCommand({
  name: "rollups",
  summary: { zh: "按已存读数重算小时汇总", en: "rebuild hourly rollups from stored readings" },
  options: {
    ...DATA_OPTION_SPECS,
    since: { type: "string", value: "TIME", help: { zh: "从此时间起", en: "from this time" } },
    until: { type: "string", value: "TIME", help: { zh: "到此时间止", en: "up to this time" } },
  },
  common: DATA_COMMON,
  actions: {
    rebuild: { summary: { zh: "重算小时汇总", en: "rebuild hourly rollups" }, options: ["since", "until"] },
  },
  async run({ values }) {
    const ctx = openCliContext(values);
    try {
      const r = rebuildRollups(
        ctx.db,
        parseTimeOption(values.since, "since", ctx.loaded.config.station.timezone) ?? 0,
        parseTimeOption(values.until, "until", ctx.loaded.config.station.timezone) ?? Number.MAX_SAFE_INTEGER,
      );
      printResult(
        r,
        values.json,
        () => `已重算 / rebuilt: ${r.days} 天/days, ${r.deviceRows} + ${r.siteRows} 行/rows`,
      );
      return EXIT_OK;
    } finally {
      ctx.close();
    }
  },
});
