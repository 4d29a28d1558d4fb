import { connect, type Socket } from "node:net";

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

export type PaperState = "ok" | "out" | "cover-open" | "unknown";

/**
 * Ask a printer for its paper state and read one status byte.
 * ESC/POS: DLE EOT 4 "transmit paper roll sensor status" (Epson ESC/POS reference, DLE EOT n=4):
 * bits 5–6 set = paper end. TSPL: ESC ! ? (TSPL/TSPL2 programming manual, "<ESC>!?"): bit 0 head
 * open, bit 2 out of paper. A printer that does not answer in time is "unknown", not a failure:
 * many clones do not implement the query.
 */
export function queryPaper(
  socket: Socket,
  language: "escpos" | "tspl",
  timeoutMs: number,
): Promise<PaperState> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish("unknown"), timeoutMs);
    const onData = (data: Buffer) => {
      const status = data[0];
      if (status === undefined) return;
      if (language === "escpos") finish((status & 0x60) === 0x60 ? "out" : "ok");
      else finish(status & 0x01 ? "cover-open" : status & 0x04 ? "out" : "ok");
    };
    function finish(state: PaperState) {
      clearTimeout(timer);
      socket.off("data", onData);
      resolve(state);
    }
    socket.on("data", onData);
    socket.write(language === "escpos" ? Buffer.from([0x10, 0x04, 0x04]) : Buffer.from([0x1b, 0x21, 0x3f]));
  });
}
