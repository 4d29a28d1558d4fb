import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of the command line: usage and the values typed on it. */
export const cliCodes = defineCodes({
  CLI_USAGE: {
    title: { zh: "命令用法不对", en: "Command usage is wrong" },
    remedy: { zh: "运行 trace-station help 查看用法", en: "Run trace-station help for usage" },
  },
  TIME_INVALID: {
    title: { zh: "时间格式不对", en: "Time is not valid" },
    remedy: {
      zh: "用 ISO-8601（如 2026-05-01T08:00:00+08:00）或毫秒时间戳",
      en: "Use ISO-8601 (e.g. 2026-05-01T08:00:00+08:00) or epoch milliseconds",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof cliCodes> {}
}
