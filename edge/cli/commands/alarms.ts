import { AlarmStore } from "../../alarms/alarm-store.js";
import { presentAlarm } from "../../alarms/alarm-view.js";
import { ALARM_PRESETS } from "../../alarms/presets.js";
import { RuleBook } from "../../alarms/rule-book.js";
import { StationError } from "../../core/station-error.js";
import { EXIT_OK } from "../command.js";
import { openCliContext, printRows, usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : "-");

/**
 * Early warning from a terminal: open alarms in plain words, acknowledgement by a named person
 * (recorded with `via: "cli"`), the rules in force and the shipped presets with their sources.
 * Rules are added through the config file or the API (the running station owns its rule book).
 */
export const alarmsCommand = defineCommand({
  name: "alarms",
  summary: {
    zh: "查看、确认预警；列出预警规则和预设",
    en: "list and acknowledge alarms; list rules and presets",
  },
  options: {
    ...DATA_OPTION_SPECS,
    all: { type: "boolean", default: false, help: { zh: "包括已解除的", en: "include cleared ones" } },
    limit: { type: "string", value: "N", help: { zh: "最多条数", en: "at most this many" } },
    by: { type: "string", value: "NAME", help: { zh: "确认人姓名", en: "name of who acknowledges" } },
    note: { type: "string", value: "TEXT", help: { zh: "备注", en: "note" } },
  },
  common: DATA_COMMON,
  actions: {
    list: { summary: { zh: "列出预警", en: "list alarms" }, options: ["all", "limit"] },
    ack: {
      summary: { zh: "确认预警", en: "acknowledge an alarm" },
      args: [{ name: "ID", help: { zh: "预警编号", en: "alarm id" } }],
      options: ["by", "note"],
      required: ["by"],
    },
    rules: { summary: { zh: "生效的预警规则", en: "the rules in force" } },
    presets: { summary: { zh: "内置预设及依据", en: "shipped presets with their sources" } },
  },
  defaultAction: "list",
  async run({ action, values, args: [arg], usage }) {
    const json = values.json;
    if (action === "presets") {
      printRows(
        [...ALARM_PRESETS],
        json,
        (p) =>
          `${p.name.padEnd(20)} ${p.title.zh}  (${p.metric} ${p.kind} ${p.threshold})\n    依据 / source: ${p.source}`,
      );
      return EXIT_OK;
    }
    const ctx = openCliContext(values);
    try {
      const store = new AlarmStore(ctx.db, Date.now);
      const site = (id: string) =>
        (ctx.db.prepare("SELECT name FROM domain_sites WHERE id = ?").get(id) as { name: string } | undefined)
          ?.name;
      if (action === "list") {
        const alarms = store
          .list({
            state: values.all ? "all" : "open",
            ...(values.limit ? { limit: Number(values.limit) } : {}),
          })
          .map((a) => presentAlarm(a, site));
        printRows(alarms, json, (a) =>
          [
            `#${a.id} [${a.severity}] ${a.state}  ${a.place}  ${a.what.zh}`,
            `    自 / since ${iso(a.since)}${a.cleared ? `  解除 / cleared ${iso(a.cleared.at)}` : ""}`,
            `    怎么办 / to do: ${a.advice.zh}`,
            a.acknowledged
              ? `    确认 / by ${a.acknowledged.actor.name} (${a.acknowledged.actor.via}) ${a.acknowledged.note}`
              : "",
            a.action ? `    联动 / action: ${a.action.device} ${a.action.command} → ${a.action.state}` : "",
          ]
            .filter(Boolean)
            .join("\n"),
        );
        return EXIT_OK;
      }
      if (action === "ack") {
        const id = Number(arg);
        if (!Number.isInteger(id) || id < 1) throw usageError(usage);
        const name = values.by?.trim();
        if (!name)
          throw new StationError(
            "CLI_USAGE",
            `请用 --by 写确认人姓名 / --by NAME is required\n用法 / usage: ${usage}`,
          );
        const alarm = presentAlarm(
          store.acknowledge(id, { via: "cli", name }, values.note?.trim() ?? ""),
          site,
        );
        printRows([alarm], json, (a) => `预警 #${a.id} 已由 ${name} 确认 / acknowledged`);
        return EXIT_OK;
      }
      if (action === "rules") {
        const book = new RuleBook(ctx.db, ctx.loaded.config.alarms.rules, Date.now);
        printRows(
          [...book.all()],
          json,
          (r) =>
            `${r.id.padEnd(20)} ${r.enabled ? "on " : "off"} ${r.origin.padEnd(6)} ${r.site ?? r.device ?? "-"}  ${r.metric} ${r.kind} ${r.threshold}${r.action ? `  → ${r.action.device}/${r.action.command}` : ""}`,
        );
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      ctx.close();
    }
  },
});
