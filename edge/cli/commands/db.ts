import { databasePath } from "../../store/database.js";
import { type DbStats, dbStats } from "../../store/db-stats.js";
import { EXIT_OK } from "../command.js";
import { openCliContext } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const MIB = 2 ** 20;

const mib = (bytes: number): string => `${(bytes / MIB).toFixed(1)} MiB`;
const day = (ms: number | null): string => (ms === null ? "-" : new Date(ms).toISOString());

function human(s: DbStats): string {
  const lines = [
    `数据库 / database: ${s.file.path}`,
    `  文件 / file ${mib(s.file.bytes)}（空闲可复用 / free for reuse ${mib(s.file.freeBytes)}），WAL ${mib(s.file.walBytes)}，页 / page ${s.file.pageSize} B`,
    "各表（含索引）/ tables with their indexes:",
    ...s.tables.map(
      (t) => `  ${t.table.padEnd(28)} ${mib(t.bytes).padStart(12)}  ${String(t.rows).padStart(10)} 行/rows`,
    ),
    `原始读数 / raw readings: ${s.readings.count}，最早 / oldest ${day(s.readings.oldestTs)}，最新 / newest ${day(s.readings.newestTs)}`,
    `  已汇总到 / reduced to rollups before: ${day(s.readings.reducedBefore)}`,
    `  当前速率 / current rate: ${Math.round(s.readings.perDay)} 条/天 per day，约 / about ${Math.round(s.readings.bytesEach)} B 每条 / each`,
    `预计 / projected (原始读数保留 / raw kept ${s.projection.rawReadingDays} 天/days):`,
    `  原始读数稳定在 / raw readings settle at ${mib(s.projection.rawBytes)}；小时汇总每年增加 / rollups grow ${mib(s.projection.rollupBytesPerYear)} per year`,
    `  两年后总计约 / total after two years about ${mib(s.projection.totalBytes)}`,
  ];
  return lines.join("\n");
}

/** Store sizes, the oldest raw reading and the projected size (issue 16). */
export const dbCommand = defineCommand({
  name: "db",
  summary: { zh: "数据库大小、最早读数和预计大小", en: "database sizes, oldest reading, projected size" },
  options: DATA_OPTION_SPECS,
  common: DATA_COMMON,
  actions: { stats: { summary: { zh: "各表大小和预计", en: "table sizes and projection" } } },
  async run({ values }) {
    const ctx = openCliContext(values);
    try {
      const stats = dbStats(
        ctx.db,
        databasePath(ctx.loaded.dataDir),
        ctx.loaded.config.store.rawReadingDays,
        Date.now(),
      );
      process.stdout.write(`${values.json ? JSON.stringify(stats) : human(stats)}\n`);
      return EXIT_OK;
    } finally {
      ctx.close();
    }
  },
});
