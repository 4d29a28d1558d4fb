import "../cli-codes.js";
import { StationError } from "../../core/station-error.js";
import { describeJob, openPrintCli, waitForJob } from "../../printing/print-cli.js";
import type { JobState, PrintJob } from "../../printing/print-job-store.js";
import { type Command, EXIT_FAILURE, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows } from "../context.js";

const usage = [
  "trace-station print label --package SERIAL [--reprint] [--printer NAME] [--wait SECONDS]",
  "trace-station print cert --number N [--reprint] [--printer NAME] [--wait SECONDS]",
  "trace-station print test --printer NAME [--wait SECONDS]",
  "trace-station print jobs [--state STATE] [--limit N]",
  "trace-station print confirm --job ID (--printed | --resend) --by NAME",
  "trace-station print cancel --job ID --by NAME",
  "trace-station print retry --job ID --by NAME",
  "  (all take [--config FILE] [--data DIR] [--json])",
].join("\n  ");

function jobId(value: string | undefined): number {
  const id = Number(value);
  if (!value || !Number.isInteger(id) || id < 1)
    throw new StationError("CLI_USAGE", `需要 --job ID / --job ID is required\n${usage}`);
  return id;
}

function required(value: string | undefined, name: string): string {
  if (!value)
    throw new StationError("CLI_USAGE", `需要 --${name} / --${name} is required\n用法 / usage: ${usage}`);
  return value;
}

/**
 * Queue labels and look after the queue. The running station sends; this waits (`--wait`,
 * default 15 s) and reports how the job ended, or that it still waits and why.
 */
export const printCommand: Command = {
  name: "print",
  summary: {
    zh: "打印标签、合格证、测试页；查看与确认打印任务",
    en: "print labels, certificates, test pages; manage jobs",
  },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        allowPositionals: true,
        options: {
          ...DATA_OPTIONS,
          package: { type: "string" },
          number: { type: "string" },
          printer: { type: "string" },
          reprint: { type: "boolean", default: false },
          wait: { type: "string", default: "15" },
          state: { type: "string" },
          limit: { type: "string" },
          job: { type: "string" },
          printed: { type: "boolean", default: false },
          resend: { type: "boolean", default: false },
          by: { type: "string" },
        },
      },
      usage,
    );
    const [action] = positionals;
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
          job = printing.enqueuePackage(required(values.package, "package"), options);
          break;
        case "cert":
          job = printing.enqueueCertificate(required(values.number, "number"), options);
          break;
        case "test":
          job = printing.enqueueTestPage(required(values.printer, "printer"), options);
          break;
        case "jobs": {
          const rows = printing.jobs({
            ...(values.state ? { state: values.state as JobState } : {}),
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
            jobId(values.job),
            values.printed ? "printed" : "resend",
            required(values.by, "by"),
          );
          printRows([done], values.json, describeJob);
          return EXIT_OK;
        }
        case "cancel":
          printRows(
            [printing.cancel(jobId(values.job), required(values.by, "by"))],
            values.json,
            describeJob,
          );
          return EXIT_OK;
        case "retry":
          printRows([printing.retry(jobId(values.job), required(values.by, "by"))], values.json, describeJob);
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
};
