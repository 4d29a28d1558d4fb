import "../cli-codes.js";
import { StationError } from "../../core/station-error.js";
import { describeJob, openPrintCli, waitForJob } from "../../printing/print-cli.js";
import type { JobState, PrintJob } from "../../printing/print-job-store.js";
import { EXIT_FAILURE, EXIT_OK } from "../command.js";
import { printRows } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

const JOB_STATES = [
  "queued",
  "sending",
  "done",
  "failed",
  "needs_confirmation",
] as const satisfies readonly JobState[];

function jobId(value: string | undefined, usage: string): number {
  const id = Number(value);
  if (!value || !Number.isInteger(id) || id < 1)
    throw new StationError("CLI_USAGE", `需要 --job ID / --job ID is required\n${usage}`);
  return id;
}

function required(value: string | undefined, name: string, usage: string): string {
  if (!value)
    throw new StationError("CLI_USAGE", `需要 --${name} / --${name} is required\n用法 / usage: ${usage}`);
  return value;
}

/**
 * Queue labels and look after the queue. The running station sends; this waits (`--wait`,
 * default 15 s) and reports how the job ended, or that it still waits and why.
 */
export const printCommand = defineCommand({
  name: "print",
  summary: {
    zh: "打印标签、合格证、测试页；查看与确认打印任务",
    en: "print labels, certificates, test pages; manage jobs",
  },
  options: {
    ...DATA_OPTION_SPECS,
    package: { type: "string", value: "SERIAL", help: { zh: "包装序列号", en: "package serial" } },
    number: { type: "string", value: "N", help: { zh: "合格证编号", en: "certificate number" } },
    printer: {
      type: "string",
      value: "NAME",
      help: { zh: "打印机（默认按配置）", en: "printer (default from the config)" },
    },
    reprint: { type: "boolean", default: false, help: { zh: "补打", en: "a reprint" } },
    wait: {
      type: "string",
      default: "15",
      value: "SECONDS",
      help: { zh: "等待任务结束的秒数", en: "seconds to wait for the job" },
    },
    state: { type: "string", choices: JOB_STATES, help: { zh: "按状态筛选", en: "filter by state" } },
    limit: {
      type: "string",
      value: "N",
      help: { zh: "最多条数（默认 50）", en: "at most this many (default 50)" },
    },
    job: { type: "string", value: "ID", help: { zh: "打印任务编号", en: "print job id" } },
    printed: { type: "boolean", default: false, help: { zh: "已打印出来", en: "it did print" } },
    resend: { type: "boolean", default: false, help: { zh: "重新发送", en: "send it again" } },
    by: { type: "string", value: "NAME", help: { zh: "操作人", en: "who does it" } },
  },
  common: DATA_COMMON,
  actions: {
    label: {
      summary: { zh: "打印包装标签", en: "print a package label" },
      options: ["package", "reprint", "printer", "wait", "by"],
      required: ["package"],
    },
    cert: {
      summary: { zh: "打印合格证", en: "print a certificate" },
      options: ["number", "reprint", "printer", "wait", "by"],
      required: ["number"],
    },
    test: {
      summary: { zh: "打印测试页", en: "print a test page" },
      options: ["printer", "wait", "by"],
      required: ["printer"],
    },
    jobs: { summary: { zh: "列出打印任务", en: "list print jobs" }, options: ["state", "limit"] },
    confirm: {
      summary: { zh: "确认结果不明的任务", en: "settle a job whose outcome is unknown" },
      options: ["job", "printed", "resend", "by"],
      required: ["job", "by"],
    },
    cancel: {
      summary: { zh: "取消任务", en: "cancel a job" },
      options: ["job", "by"],
      required: ["job", "by"],
    },
    retry: {
      summary: { zh: "重试失败的任务", en: "retry a failed job" },
      options: ["job", "by"],
      required: ["job", "by"],
    },
  },
  notes: [{ zh: "confirm 需要 --printed 或 --resend 之一", en: "confirm takes one of --printed, --resend" }],
  async run({ action, values, usage }) {
    const { printing, close } = openPrintCli(values);
    const options = {
      reprint: values.reprint,
      by: values.by ?? "cli",
      ...(values.printer ? { printer: values.printer } : {}),
    };
    try {
      let job: PrintJob;
      switch (action) {
        case "label":
          job = printing.enqueuePackage(required(values.package, "package", usage), options);
          break;
        case "cert":
          job = printing.enqueueCertificate(required(values.number, "number", usage), options);
          break;
        case "test":
          job = printing.enqueueTestPage(required(values.printer, "printer", usage), options);
          break;
        case "jobs": {
          const rows = printing.jobs({
            ...(values.state ? { state: values.state } : {}),
            limit: values.limit ? Number(values.limit) : 50,
          });
          printRows(rows, values.json, describeJob);
          return EXIT_OK;
        }
        case "confirm": {
          if (values.printed === values.resend) {
            throw new StationError(
              "CLI_USAGE",
              `--printed 或 --resend 二选一 / one of --printed, --resend\n${usage}`,
            );
          }
          const done = printing.confirm(
            jobId(values.job, usage),
            values.printed ? "printed" : "resend",
            required(values.by, "by", usage),
          );
          printRows([done], values.json, describeJob);
          return EXIT_OK;
        }
        case "cancel":
          printRows(
            [printing.cancel(jobId(values.job, usage), required(values.by, "by", usage))],
            values.json,
            describeJob,
          );
          return EXIT_OK;
        case "retry":
          printRows(
            [printing.retry(jobId(values.job, usage), required(values.by, "by", usage))],
            values.json,
            describeJob,
          );
          return EXIT_OK;
        default:
          throw new StationError(
            "CLI_USAGE",
            `未知操作 / unknown action: ${action ?? "(none)"}\n用法 / usage: ${usage}`,
          );
      }
      const ended = await waitForJob(printing, job.id, Number(values.wait) || 0);
      printRows([ended], values.json, describeJob);
      if (!values.json && ended.state === "queued") {
        process.stderr.write(
          "任务在队列中，由运行中的站点发送 / the job waits in the queue for the running station\n",
        );
      }
      return ended.state === "failed" || ended.state === "needs_confirmation" ? EXIT_FAILURE : EXIT_OK;
    } finally {
      close();
    }
  },
});
