import "../cli-codes.js";
import type { DeviceRecord } from "../../../broker/device-registry.js";
import { deviceTopic } from "../../../broker/topics.js";
import { DEVICE_KINDS, type DeviceKind } from "../../core/device-identity.js";
import { need } from "../../domain/cli/domain-cli.js";
import { EXIT_OK } from "../command.js";
import { openCliContext, printRows, usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const human = (d: DeviceRecord): string =>
  [
    d.id.padEnd(20),
    d.kind.padEnd(8),
    (d.site ?? "-").padEnd(12),
    d.online ? "在线/online " : "离线/offline",
    d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : "-",
  ].join("  ");

const ID = {
  name: "ID",
  help: { zh: "设备编号（也是 MQTT 用户名）", en: "device id (also its MQTT username)" },
} as const;

export const deviceCommand = defineCommand({
  name: "device",
  summary: { zh: "登记、列出、删除设备，重置凭据", en: "add, list, remove devices; reset credentials" },
  options: {
    ...DATA_OPTION_SPECS,
    kind: { type: "string", choices: DEVICE_KINDS, help: { zh: "设备类型", en: "device kind" } },
    site: { type: "string", value: "SITE", help: { zh: "所在地块", en: "the site it is on" } },
  },
  common: DATA_COMMON,
  actions: {
    add: {
      summary: { zh: "登记设备，显示一次性密码", en: "add a device, show its password once" },
      args: [ID],
      options: ["kind", "site"],
      required: ["kind"],
    },
    list: { summary: { zh: "列出设备", en: "list devices" } },
    remove: { summary: { zh: "删除设备", en: "remove a device" }, args: [ID] },
    reset: { summary: { zh: "重置设备密码", en: "reset a device's password" }, args: [ID] },
  },
  async run({ action, values, args: [id = ""], usage }) {
    const ctx = openCliContext(values);
    try {
      switch (action) {
        case "add": {
          const kind: DeviceKind = need(values.kind, "--kind", usage);
          const { secret } = await ctx.devices.add(id, kind, values.site ?? null);
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
          const { secret } = await ctx.devices.resetSecret(id);
          process.stdout.write(
            values.json
              ? `${JSON.stringify({ id, username: id, password: secret })}\n`
              : `新密码 / new password for ${id}: ${secret}\n`,
          );
          return EXIT_OK;
        }
        case "list":
          printRows(ctx.devices.list(), values.json, human);
          return EXIT_OK;
        case "remove":
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
});
