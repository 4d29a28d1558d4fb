import QRCode from "qrcode";

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
  const { modules } = QRCode.create(data, { errorCorrectionLevel: QR_ECC });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** Whole dots per module so the printed symbol fits `sizeDots`; at least 1. */
export function moduleDots(data: string, sizeDots: number): number {
  return Math.max(1, Math.floor(sizeDots / qrMatrix(data).size));
}
