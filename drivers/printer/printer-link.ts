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
  const received: Buffer[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const onData = (chunk: Buffer) => {
    received.push(chunk);
    wake?.();
  };
  const onClose = () => {
    closed = true;
    wake?.();
  };
  const onError = () => {};
  try {
    await transport.open();
  } catch (err) {
    return {
      kind: "held",
      code: "PRINTER_UNREACHABLE",
      detail: `${transport.name}: ${(err as Error).message}`,
    };
  }
  transport.on("data", onData);
  transport.on("close", onClose);
  transport.on("error", onError);

  /** Wait until `n` bytes have arrived since `from`, or the timeout or a close. */
  const answer = async (from: number, n: number): Promise<Buffer | undefined> => {
    const deadline = clock.now() + options.statusTimeoutMs;
    for (;;) {
      const all = Buffer.concat(received);
      if (all.length >= from + n) return all.subarray(from, from + n);
      if (closed || clock.now() >= deadline) return undefined;
      await new Promise<void>((resolve) => {
        const timer = clock.setTimeout(resolve, Math.max(1, deadline - clock.now()));
        wake = () => {
          clock.clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };
  const receivedLength = () => received.reduce((sum, c) => sum + c.length, 0);

  let bytesSent = 0;
  let started = false;
  try {
    let answers = false;
    if (options.status) {
      await transport.write(options.status.request);
      const reply = await answer(0, options.status.answerBytes);
      if (reply) {
        answers = true;
        const status = options.status.decode(reply);
        if (!status.ready && status.code) return { kind: "held", code: status.code, detail: status.detail };
      } else if (closed) {
        return {
          kind: "held",
          code: "PRINTER_UNREACHABLE",
          detail: `${transport.name}: 连接被关闭 / closed`,
        };
      }
    }
    if (!beforeSend()) return { kind: "skipped" };
    started = true;
    const from = receivedLength();
    await transport.write(job);
    bytesSent = job.length;
    if (options.status && answers) {
      await transport.write(options.status.request);
      const reply = await answer(from, options.status.answerBytes);
      if (!reply) {
        return {
          kind: "uncertain",
          code: "PRINTER_CONNECTION_LOST",
          detail: `打印机未确认收到 / printer did not confirm (${closed ? "connection closed" : "no status answer"})`,
          bytesSent,
        };
      }
      const status = options.status.decode(reply);
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
    transport.off("data", onData);
    transport.off("error", onError);
    await transport.close().catch(() => {});
    transport.off("close", onClose);
  }
}
