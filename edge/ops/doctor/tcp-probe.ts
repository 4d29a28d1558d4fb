import { connect, type Socket } from "node:net";
import type { PrinterStatus, StatusProtocol } from "../../../drivers/printer/printer-status.js";

/** Open a TCP connection within `timeoutMs`; resolves the connected socket or rejects with why. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${timeoutMs} ms 内无应答 / no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

/**
 * Ask a printer for its status with the print queue's own protocol (ESC/POS DLE EOT, TSPL
 * ESC ! ?; drivers/printer/printer-status.ts) and decode the answer. A printer that does not
 * answer in time yields undefined, not a failure: many clones do not implement the query.
 */
export function queryStatus(
  socket: Socket,
  protocol: StatusProtocol,
  timeoutMs: number,
): Promise<PrinterStatus | undefined> {
  return new Promise((resolve) => {
    let answer = Buffer.alloc(0);
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const onData = (data: Buffer) => {
      answer = Buffer.concat([answer, data]);
      if (answer.length >= protocol.answerBytes)
        finish(protocol.decode(answer.subarray(0, protocol.answerBytes)));
    };
    function finish(status: PrinterStatus | undefined) {
      clearTimeout(timer);
      socket.off("data", onData);
      resolve(status);
    }
    socket.on("data", onData);
    socket.write(protocol.request);
  });
}
