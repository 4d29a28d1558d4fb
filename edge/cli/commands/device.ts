import "../cli-codes.js";
import type { DeviceRecord } from "../../../broker/device-registry.js";
import { deviceTopic } from "../../../broker/topics.js";
import { DEVICE_KINDS, type DeviceKind } from "../../core/device-identity.js";
import { StationError } from "../../core/station-error.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, openCliContext, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  "trace-station device add ID --kind sensor|scale|sprayer|scanner|tester|printer [--site SITE] [--json]",
  "trace-station device list [--json]",
  "trace-station device remove ID",
  "trace-station device reset ID [--json]",
].join("\n       ");

const isKind = (k: string): k is DeviceKind => (DEVICE_KINDS as readonly string[]).includes(k);

const human = (d: DeviceRecord): string =>
  [
    d.id.padEnd(20),
    d.kind.padEnd(8),
    (d.site ?? "-").padEnd(12),
    d.online ? "在线/online " : "离线/offline",
    d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : "-",
  ].join("  ");

export const deviceCommand: Command = {
  name: "device",
  summary: { zh: "登记、列出、删除设备，重置凭据", en: "add, list, remove devices; reset credentials" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: { ...DATA_OPTIONS, kind: { type: "string" }, site: { type: "string" } },
        allowPositionals: true,
      },
      usage,
    );
    const [action, id] = positionals;
    const ctx = openCliContext(values);
    try {
      switch (action) {
        case "add": {
          if (!id || !values.kind || !isKind(values.kind)) {
            throw new StationError(
              "CLI_USAGE",
              `需要设备编号和 --kind / need an id and --kind\n用法: ${usage}`,
            );
          }
          const { secret } = await ctx.devices.add(id, values.kind, values.site ?? null);
          const port = ctx.loaded.config.mqtt.port;
          if (values.json) {
            process.stdout.write(
              `${JSON.stringify({ id, kind: values.kind, site: values.site ?? null, username: id, password: secret, port })}\n`,
            );
          } else {
            process.stdout.write(
              [
                `设备已登记 / device added: ${id} (${values.kind})`,
                `  MQTT 用户名 / username: ${id}`,
                `  MQTT 密码 / password:   ${secret}`,
                `  端口 / port: ${port}    发布主题 / publish to: ${deviceTopic(id, "reading")}`,
                "  密码只显示这一次，请立即写入设备 / the password is shown only once",
                "",
              ].join("\n"),
            );
          }
          return EXIT_OK;
        }
        case "reset": {
          if (!id) throw new StationError("CLI_USAGE", `需要设备编号 / need an id\n用法: ${usage}`);
          const { secret } = await ctx.devices.resetSecret(id);
          process.stdout.write(
            values.json
              ? `${JSON.stringify({ id, username: id, password: secret })}\n`
              : `新密码 / new password for ${id}: ${secret}\n`,
          );
          return EXIT_OK;
        }
        case "list":
          printRows(ctx.devices.list(), values.json ?? false, human);
          return EXIT_OK;
        case "remove":
          if (!id) throw new StationError("CLI_USAGE", `需要设备编号 / need an id\n用法: ${usage}`);
          ctx.devices.remove(id);
          process.stdout.write(`已删除 / removed: ${id}\n`);
          return EXIT_OK;
        default:
          throw usageError(usage);
      }
    } finally {
      ctx.close();
    }
  },
};
