import "./printer-codes.js";
import type { Clock } from "../../edge/core/clock.js";
import type { ErrorCode } from "../../edge/core/error-codes.js";
import type { ByteTransport } from "../transport/byte-transport.js";
import type { PrinterStatus, StatusProtocol } from "./printer-status.js";

export interface LinkOptions {
  /** Ask for status before and after the job (printers on TCP or serial usually answer). */
  status: StatusProtocol | undefined;
  statusTimeoutMs: number;
}

/** How a send ended, from which the queue derives the job's state. */
export type SendOutcome =
  /** Every byte taken and, where the printer answers, its status after the job was fine. */
  | { kind: "done"; status?: PrinterStatus }
  /** The job was taken elsewhere or cancelled before its first byte: nothing sent. */
  | { kind: "skipped" }
  /** Nothing of the job was sent: safe to try again later. */
  | { kind: "held"; code: ErrorCode; detail: string }
  /** Some or all bytes went out but the end is unknown: an operator must look at the paper. */
  | { kind: "uncertain"; code: ErrorCode; detail: string; bytesSent: number };

/**
 * What a printer sends back on one open connection, kept so a status answer can be read from a
 * known point: the one status exchange of both the job (`sendJob`) and the status query
 * (`askPrinterStatus`).
 */
class StatusReplies {
  private readonly received: Buffer[] = [];
  private connectionClosed = false;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.received.push(chunk);
    this.wake?.();
  };
  private readonly onClose = () => {
    this.connectionClosed = true;
    this.wake?.();
  };
  private readonly onError = () => {};

  /** The printer closed the connection. */
  get closed(): boolean {
    return this.connectionClosed;
  }

  constructor(
    private readonly transport: ByteTransport,
    private readonly clock: Clock,
  ) {
    transport.on("data", this.onData);
    transport.on("close", this.onClose);
    transport.on("error", this.onError);
  }

  length(): number {
    return this.received.reduce((sum, c) => sum + c.length, 0);
  }

  /** Send the status request and decode the answer after `from`; undefined on timeout or close. */
  async ask(
    protocol: StatusProtocol,
    timeoutMs: number,
    from = this.length(),
  ): Promise<PrinterStatus | undefined> {
    await this.transport.write(protocol.request);
    const reply = await this.answer(from, protocol.answerBytes, timeoutMs);
    if (!reply) return undefined;
    const status = protocol.decode(reply);
    const cause = protocol.cause;
    if (!cause || status.code !== "PRINTER_OFFLINE") return status;
    // Off-line: ask why (cover open, stopped at paper end), the answer after the first one.
    await this.transport.write(cause.request);
    const why = await this.answer(from + protocol.answerBytes, cause.answerBytes, timeoutMs);
    return why ? cause.refine(status, why) : status;
  }

  /** Wait until `n` bytes have arrived since `from`, or the timeout or a close. */
  private async answer(from: number, n: number, timeoutMs: number): Promise<Buffer | undefined> {
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      const all = Buffer.concat(this.received);
      if (all.length >= from + n) return all.subarray(from, from + n);
      if (this.connectionClosed || this.clock.now() >= deadline) return undefined;
      await new Promise<void>((resolve) => {
        const timer = this.clock.setTimeout(resolve, Math.max(1, deadline - this.clock.now()));
        this.wake = () => {
          this.clock.clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Stop listening and close the connection. */
  async close(): Promise<void> {
    this.transport.off("data", this.onData);
    this.transport.off("error", this.onError);
    await this.transport.close().catch(() => {});
    this.transport.off("close", this.onClose);
  }
}

/**
 * One job over one connection: status first (paper out or off-line holds the job before a
 * single byte of it leaves), then `beforeSend` (the queue commits the job as `sending`, or says it is no longer queued), the
 * job, and a second status request whose answer says the printer took everything. A printer
 * that never answers status is sent to blind, as its driver would.
 */
export async function sendJob(
  transport: ByteTransport,
  job: Buffer,
  options: LinkOptions,
  clock: Clock,
  beforeSend: () => boolean,
): Promise<SendOutcome> {
  try {
    await transport.open();
  } catch (err) {
    return {
      kind: "held",
      code: "PRINTER_UNREACHABLE",
      detail: `${transport.name}: ${(err as Error).message}`,
    };
  }
  const replies = new StatusReplies(transport, clock);

  let bytesSent = 0;
  let started = false;
  try {
    let answers = false;
    if (options.status) {
      const status = await replies.ask(options.status, options.statusTimeoutMs, 0);
      if (status) {
        answers = true;
        if (!status.ready && status.code) return { kind: "held", code: status.code, detail: status.detail };
      } else if (replies.closed) {
        return {
          kind: "held",
          code: "PRINTER_UNREACHABLE",
          detail: `${transport.name}: 连接被关闭 / closed`,
        };
      }
    }
    if (!beforeSend()) return { kind: "skipped" };
    started = true;
    const from = replies.length();
    await transport.write(job);
    bytesSent = job.length;
    if (options.status && answers) {
      const status = await replies.ask(options.status, options.statusTimeoutMs, from);
      if (!status) {
        return {
          kind: "uncertain",
          code: "PRINTER_CONNECTION_LOST",
          detail: `打印机未确认收到 / printer did not confirm (${replies.closed ? "connection closed" : "no status answer"})`,
          bytesSent,
        };
      }
      if (!status.ready && status.code)
        return { kind: "uncertain", code: status.code, detail: status.detail, bytesSent };
      return { kind: "done", status };
    }
    return { kind: "done" };
  } catch (err) {
    if (!started) {
      return {
        kind: "held",
        code: "PRINTER_UNREACHABLE",
        detail: `${transport.name}: ${(err as Error).message}`,
      };
    }
    return {
      kind: "uncertain",
      code: "PRINTER_CONNECTION_LOST",
      detail: `${transport.name}: ${(err as Error).message}`,
      bytesSent,
    };
  } finally {
    await replies.close();
  }
}

/** What a printer said when asked, outside a job (`trace-station printers`, the kiosk). */
export type StatusQuery =
  | { kind: "unreachable"; message: string }
  /** Connected; the printer (or its link) does not report status. */
  | { kind: "no-status" }
  | { kind: "no-answer" }
  | { kind: "status"; status: PrinterStatus };

/** Open the link, ask for status once (if the printer can tell), close. */
export async function askPrinterStatus(
  transport: ByteTransport,
  options: LinkOptions,
  clock: Clock,
): Promise<StatusQuery> {
  try {
    await transport.open();
  } catch (err) {
    return { kind: "unreachable", message: (err as Error).message };
  }
  const replies = new StatusReplies(transport, clock);
  try {
    if (!options.status) return { kind: "no-status" };
    const status = await replies.ask(options.status, options.statusTimeoutMs).catch(() => undefined);
    return status ? { kind: "status", status } : { kind: "no-answer" };
  } finally {
    await replies.close();
  }
}
