import { AlarmStore } from "../../alarms/alarm-store.js";
import { presentAlarm } from "../../alarms/alarm-view.js";
import { ALARM_PRESETS } from "../../alarms/presets.js";
import { RuleBook } from "../../alarms/rule-book.js";
import { StationError } from "../../core/station-error.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, openCliContext, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  "trace-station alarms [list] [--all] [--limit N] [--json]",
  "trace-station alarms ack ID --by NAME [--note TEXT] [--json]",
  "trace-station alarms rules [--json]",
  "trace-station alarms presets [--json]",
].join("\n       ");

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : "-");

/**
 * Early warning from a terminal: open alarms in plain words, acknowledgement by a named person
 * (recorded with `via: "cli"`), the rules in force and the shipped presets with their sources.
 * Rules are added through the config file or the API (the running station owns its rule book).
 */
export const alarmsCommand: Command = {
  name: "alarms",
  summary: {
    zh: "查看、确认预警；列出预警规则和预设",
    en: "list and acknowledge alarms; list rules and presets",
  },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          all: { type: "boolean", default: false },
          limit: { type: "string" },
          by: { type: "string" },
          note: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action = "list", arg] = positionals;
    const json = values.json ?? false;
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
};
