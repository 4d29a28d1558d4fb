import "./printer-codes.js";
import type { ErrorCode } from "../../edge/core/error-codes.js";

/** A printer's answer to a status request, reduced to what decides whether to send. */
export interface PrinterStatus {
  ready: boolean;
  /** Why not ready: PRINTER_PAPER_OUT, PRINTER_COVER_OPEN (where the language says so) or PRINTER_OFFLINE. */
  code?: ErrorCode;
  detail: string;
}

/** How one printer language asks for status and reads the answer. */
export interface StatusProtocol {
  request: Buffer;
  answerBytes: number;
  decode(answer: Buffer): PrinterStatus;
  /** Asked only when the answer says off-line, to learn why (ESC/POS DLE EOT 2). */
  cause?: {
    request: Buffer;
    answerBytes: number;
    refine(offline: PrinterStatus, answer: Buffer): PrinterStatus;
  };
}

/**
 * ESC/POS real-time status (Epson ESC/POS reference, DLE EOT): n = 1 printer status, bit 3 =
 * off-line; n = 4 roll paper sensor, bits 5–6 = paper end, bits 2–3 = near end. Both bytes
 * have bit 1 and bit 4 set and bit 7 clear, which tells a status byte from stray data.
 */
export const escposStatus: StatusProtocol = {
  request: Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04]),
  answerBytes: 2,
  decode(answer) {
    const printer = answer[0] ?? 0;
    const paper = answer[1] ?? 0;
    const hex = `DLE EOT 1=0x${printer.toString(16)} 4=0x${paper.toString(16)}`;
    if ((printer & 0x93) !== 0x12 || (paper & 0x93) !== 0x12)
      return { ready: true, detail: `unrecognised ${hex}` };
    if (paper & 0x60) return { ready: false, code: "PRINTER_PAPER_OUT", detail: `缺纸 / paper end (${hex})` };
    if (printer & 0x08) return { ready: false, code: "PRINTER_OFFLINE", detail: `离线 / off-line (${hex})` };
    return { ready: true, detail: (paper & 0x0c ? "纸将用完 / paper near end " : "") + hex };
  },
  /**
   * DLE EOT 2, off-line cause (same reference): bit 2 = cover open, bit 5 = printing stopped
   * at paper end, bit 6 = error; bits 1 and 4 set, 0 and 7 clear, as in the other answers.
   */
  cause: {
    request: Buffer.from([0x10, 0x04, 0x02]),
    answerBytes: 1,
    refine(offline, answer) {
      const b = answer[0] ?? 0;
      if ((b & 0x93) !== 0x12) return offline;
      const hex = `DLE EOT 2=0x${b.toString(16)}`;
      if (b & 0x04)
        return { ready: false, code: "PRINTER_COVER_OPEN", detail: `盖子打开 / cover open (${hex})` };
      if (b & 0x20)
        return {
          ready: false,
          code: "PRINTER_PAPER_OUT",
          detail: `缺纸停止 / stopped at paper end (${hex})`,
        };
      return { ...offline, detail: `${offline.detail}, ${hex}` };
    },
  },
};

/**
 * TSPL `<ESC>!?` (TSPL/TSPL2 manual, "Printer status"): one byte, 0 = ready; bit 0 head open,
 * bit 1 paper jam, bit 2 out of paper, bit 3 out of ribbon, bit 4 pause, bit 5 printing,
 * bit 7 other error.
 */
export const tsplStatus: StatusProtocol = {
  request: Buffer.from([0x1b, 0x21, 0x3f]),
  answerBytes: 1,
  decode(answer) {
    const s = answer[0] ?? 0;
    const hex = `ESC!?=0x${s.toString(16)}`;
    if (s & 0x06)
      return { ready: false, code: "PRINTER_PAPER_OUT", detail: `缺纸或卡纸 / paper out or jam (${hex})` };
    if (s & 0x01)
      return { ready: false, code: "PRINTER_COVER_OPEN", detail: `打印头打开 / head open (${hex})` };
    if (s & 0x98)
      return {
        ready: false,
        code: "PRINTER_OFFLINE",
        detail: `缺碳带、暂停或出错 / ribbon out, paused or error (${hex})`,
      };
    return { ready: true, detail: hex };
  },
};
