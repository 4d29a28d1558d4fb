import "../cli-codes.js";
import "../../operators/operator-codes.js";
import { randomInt } from "node:crypto";
import { need } from "../../domain/cli/domain-cli.js";
import { OPERATOR_ROLES, type Operator } from "../../operators/operator.js";
import { OperatorStore } from "../../operators/operator-store.js";
import { EXIT_OK } from "../command.js";
import { openCliContext, printRows } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const REF = { name: "ID|NUMBER", help: { zh: "操作员编号或工号", en: "operator id or number" } } as const;

const ROLE_ZH = { worker: "工人", supervisor: "主管", technician: "技术员" } as const;

const human = (o: Operator): string =>
  [
    o.number.padEnd(6),
    o.name.padEnd(12),
    `${ROLE_ZH[o.role]}/${o.role}`.padEnd(18),
    o.enabled ? "启用/enabled" : "停用/disabled",
  ].join("  ");

/** A PIN given with --pin, or a fresh 6-digit one printed once (a PIN on a command line stays in the shell history). */
const pinFrom = (given: string | undefined): { pin: string; generated: boolean } =>
  given !== undefined
    ? { pin: given, generated: false }
    : { pin: String(randomInt(0, 1_000_000)).padStart(6, "0"), generated: true };

export const operatorCommand = defineCommand({
  name: "operator",
  summary: { zh: "登记、列出、停用操作员，设置个人 PIN", en: "add, list, disable operators; set their PIN" },
  options: {
    ...DATA_OPTION_SPECS,
    name: { type: "string", value: "NAME", help: { zh: "姓名", en: "name" } },
    role: { type: "string", choices: OPERATOR_ROLES, help: { zh: "角色", en: "role" } },
    number: {
      type: "string",
      value: "N",
      help: { zh: "工号（默认自动编号）", en: "operator number (default: next free)" },
    },
    pin: {
      type: "string",
      value: "PIN",
      help: {
        zh: "4–12 位 PIN（不给则生成并只显示一次）",
        en: "4–12 digit PIN (default: generated, shown once)",
      },
    },
  },
  common: DATA_COMMON,
  actions: {
    add: {
      summary: { zh: "登记操作员", en: "add an operator" },
      options: ["name", "role", "number", "pin"],
      required: ["name", "role"],
    },
    list: { summary: { zh: "列出操作员", en: "list operators" } },
    disable: {
      summary: { zh: "停用（立即结束其登录）", en: "disable (ends their sign-ins at once)" },
      args: [REF],
    },
    pin: {
      summary: { zh: "更改 PIN（结束原登录）", en: "change the PIN (ends old sign-ins)" },
      args: [REF],
      options: ["pin"],
    },
  },
  async run({ action, values, args: [ref = ""], usage }) {
    const ctx = openCliContext(values);
    const operators = new OperatorStore(ctx.db);
    const json = values.json;
    const told = (o: Operator, pin: { pin: string; generated: boolean }, what: string): void => {
      if (json) {
        process.stdout.write(`${JSON.stringify({ ...o, ...(pin.generated ? { pin: pin.pin } : {}) })}\n`);
        return;
      }
      process.stdout.write(`${what}: ${o.name} (${o.role})，操作员编号 / operator number ${o.number}\n`);
      if (pin.generated) {
        process.stdout.write(
          `  PIN: ${pin.pin}    只显示这一次，请交给本人 / shown only once, hand it to them\n`,
        );
      }
    };
    try {
      switch (action) {
        case "add": {
          const pin = pinFrom(values.pin);
          const added = await operators.add({
            name: need(values.name, "--name", usage),
            role: need(values.role, "--role", usage),
            pin: pin.pin,
            ...(values.number !== undefined ? { number: values.number } : {}),
          });
          told(added, pin, "操作员已登记 / operator added");
          return EXIT_OK;
        }
        case "list":
          printRows(operators.list(), json, human);
          return EXIT_OK;
        case "disable": {
          const disabled = operators.disable(need(ref, "ID|NUMBER", usage));
          process.stdout.write(
            json
              ? `${JSON.stringify(disabled)}\n`
              : `已停用，登录已结束 / disabled, signed out: ${disabled.name} (${disabled.number})\n`,
          );
          return EXIT_OK;
        }
        case "pin": {
          const pin = pinFrom(values.pin);
          told(
            await operators.setPin(need(ref, "ID|NUMBER", usage), pin.pin),
            pin,
            "PIN 已更改，原登录已结束 / PIN changed, old sign-ins ended",
          );
          return EXIT_OK;
        }
      }
    } finally {
      ctx.close();
    }
  },
});
