import { createRequire } from "node:module";
import type QRCode from "qrcode";

/**
 * qrcode (CommonJS, with pngjs behind it) is required at the first symbol, not when the station
 * loads: an idle station prints nothing, and every module loaded stays in its RSS (issue 16).
 */
function qrcode(): typeof QRCode {
  return createRequire(import.meta.url)("qrcode") as typeof QRCode;
}

/** Module grid of a QR symbol: `dark(row, col)`. */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

/**
 * Error correction M (15 %): the same level the ESC/POS `GS ( k` and TSPL `QRCODE` commands
 * are given, so all back ends print the same symbol version for the same data.
 */
export const QR_ECC = "M";

export function qrMatrix(data: string): QrMatrix {
  const { modules } = qrcode().create(data, { errorCorrectionLevel: QR_ECC });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** Whole dots per module so the printed symbol fits `sizeDots`; at least 1. */
export function moduleDots(data: string, sizeDots: number): number {
  return Math.max(1, Math.floor(sizeDots / qrMatrix(data).size));
}
