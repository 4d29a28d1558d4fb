import "../cli-codes.js";
import "../../operators/operator-codes.js";
import { randomInt } from "node:crypto";
import { StationError } from "../../core/station-error.js";
import { isOperatorRole, type Operator } from "../../operators/operator.js";
import { OperatorStore } from "../../operators/operator-store.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, openCliContext, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  "trace-station operator add --name NAME --role worker|supervisor|technician [--number N] [--pin PIN] [--json]",
  "trace-station operator list [--json]",
  "trace-station operator disable ID|NUMBER",
  "trace-station operator pin ID|NUMBER [--pin PIN] [--json]",
].join("\n       ");

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

export const operatorCommand: Command = {
  name: "operator",
  summary: { zh: "登记、列出、停用操作员，设置个人 PIN", en: "add, list, disable operators; set their PIN" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          name: { type: "string" },
          role: { type: "string" },
          number: { type: "string" },
          pin: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action, ref] = positionals;
    const ctx = openCliContext(values);
    const operators = new OperatorStore(ctx.db);
    const json = values.json ?? false;
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
          if (!values.name || !values.role || !isOperatorRole(values.role)) {
            throw new StationError(
              "CLI_USAGE",
              `需要 --name 和 --role worker|supervisor|technician / need --name and --role\n用法: ${usage}`,
            );
          }
          const pin = pinFrom(values.pin);
          const added = await operators.add({
            name: values.name,
            role: values.role,
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
          if (!ref) throw new StationError("CLI_USAGE", `需要操作员编号 / need an operator\n用法: ${usage}`);
          const disabled = operators.disable(ref);
          process.stdout.write(
            json
              ? `${JSON.stringify(disabled)}\n`
              : `已停用，登录已结束 / disabled, signed out: ${disabled.name} (${disabled.number})\n`,
          );
          return EXIT_OK;
        }
        case "pin": {
          if (!ref) throw new StationError("CLI_USAGE", `需要操作员编号 / need an operator\n用法: ${usage}`);
          const pin = pinFrom(values.pin);
          told(
            await operators.setPin(ref, pin.pin),
            pin,
            "PIN 已更改，原登录已结束 / PIN changed, old sign-ins ended",
          );
          return EXIT_OK;
        }
        default:
          throw usageError(usage);
      }
    } finally {
      ctx.close();
    }
  },
};
