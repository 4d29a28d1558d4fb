import { printResult } from "../../domain/cli/domain-cli.js";
import { rebuildRollups } from "../../domain/rollups/rebuild-rollups.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, openCliContext, parseCommandArgs, parseTimeOption, usageError } from "../context.js";

const usage = "trace-station rollups rebuild [--since TIME] [--until TIME] [--json]";

/** Recompute hourly rollups from stored readings (after placing sensors on sites late). */
export const rollupsCommand: Command = {
  name: "rollups",
  summary: { zh: "按已存读数重算小时汇总", en: "rebuild hourly rollups from stored readings" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: { ...DATA_OPTIONS, since: { type: "string" }, until: { type: "string" } },
        allowPositionals: true,
      },
      usage,
    );
    if (positionals[0] !== "rebuild") throw usageError(usage);
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
};
