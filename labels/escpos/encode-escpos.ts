import { createRequire } from "node:module";
import type { ThermalPrinter } from "node-thermal-printer";
import { type Bitmap, createBitmap } from "../bitmap.js";
import { encodeGbk } from "../gbk.js";
import type { GlyphCache } from "../glyph-cache.js";
import { fontMultiplier, type Label, type LabelElement, type TextElement, toDots } from "../layout.js";
import { QR_ECC, qrMatrix } from "../qr-matrix.js";
import { fill, rasterizeLabel } from "../raster-label.js";
import {
  absolutePosition,
  feedDots,
  INIT,
  KANJI_ON,
  leftMargin,
  lineSpacing,
  rasterImage,
} from "./escpos-commands.js";

export interface EscposOptions {
  dpi: number;
  /** text: the printer's own GBK font; raster: the whole label as one image (no Chinese font needed). */
  mode: "text" | "raster";
  /** native: `GS ( k` (ASCII data only); raster: the symbol as a `GS v 0` image. */
  qr: "native" | "raster";
  /** Send `FS &` first, for printers that power up in single-byte mode. */
  kanjiMode: boolean;
  /** Cut (GS V) after the label: receipt printers with a cutter. */
  cut: boolean;
}

/**
 * node-thermal-printer is required at the first ESC/POS label, not when the station loads: a
 * station with a TSPL or preview printer, or none, never needs it (issue 16).
 */
function thermalPrinter(): typeof import("node-thermal-printer") {
  return createRequire(import.meta.url)("node-thermal-printer") as typeof import("node-thermal-printer");
}

/**
 * Label → ESC/POS bytes. node-thermal-printer supplies the command set (emphasis, character
 * size, QR, cut); text bytes are GBK that we encode and position ourselves, because its own
 * width logic counts a hanzi as one column. Text mode prints bands top to bottom: elements that
 * share a top edge go on one line at their own `ESC $` positions; a QR symbol is its own block,
 * so layouts with text beside a QR come out stacked (use raster mode for exact label layouts);
 * boxes print only in raster mode.
 */
export function encodeEscpos(label: Label, options: EscposOptions, glyphs: GlyphCache): Buffer {
  const { PrinterTypes, ThermalPrinter } = thermalPrinter();
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: "" });
  printer.clear();
  printer.add(INIT);
  if (options.kanjiMode) printer.add(KANJI_ON);
  printer.alignLeft();
  const { dpi } = options;
  let y = 0;
  if (options.mode === "raster") {
    const bitmap = rasterizeLabel(label, dpi, glyphs);
    printer.add(rasterImage(bitmap));
    y = bitmap.height;
  } else {
    for (const band of bands(label.elements, dpi)) {
      const top = toDots(band[0]?.y ?? 0, dpi);
      if (top > y) {
        printer.add(feedDots(top - y));
        y = top;
      }
      const first = band[0] as LabelElement;
      if (first.kind === "text") {
        y += printTextLine(printer, band as TextElement[], dpi);
      } else if (first.kind === "qr") {
        y += printQr(printer, first.data, toDots(first.x, dpi), toDots(first.size, dpi), options.qr);
      } else if (first.kind === "rule") {
        const image = createBitmap(
          toDots(first.x + first.length, dpi),
          Math.max(1, toDots(first.thickness, dpi)),
        );
        fill(image, toDots(first.x, dpi), 0, toDots(first.length, dpi), image.height);
        printer.add(rasterImage(image));
        y += image.height;
      }
    }
  }
  if (!label.continuous) printer.add(feedDots(toDots(label.heightMm, dpi) - y));
  if (options.cut) {
    printer.add(feedDots(toDots(12, dpi)));
    printer.partialCut({ verticalTabAmount: 0 });
  }
  return printer.getBuffer();
}

/** Group elements into print bands: texts sharing a top edge, each QR and rule alone; boxes dropped. */
function bands(elements: readonly LabelElement[], dpi: number): LabelElement[][] {
  const sorted = elements.filter((e) => e.kind !== "box").sort((a, b) => a.y - b.y || a.x - b.x);
  const out: LabelElement[][] = [];
  for (const el of sorted) {
    const last = out[out.length - 1];
    const head = last?.[0];
    if (el.kind === "text" && head?.kind === "text" && toDots(head.y, dpi) === toDots(el.y, dpi))
      last?.push(el);
    else out.push([el]);
  }
  return out;
}

function printTextLine(printer: ThermalPrinter, texts: TextElement[], dpi: number): number {
  let height = 0;
  for (const el of texts) {
    const m = fontMultiplier(el.size, dpi);
    height = Math.max(height, 24 * m);
    printer.add(absolutePosition(toDots(el.x, dpi)));
    printer.setTextSize(m - 1, m - 1);
    printer.bold(el.bold ?? false);
    printer.add(encodeGbk(el.text));
  }
  printer.bold(false);
  printer.setTextNormal();
  printer.add(lineSpacing(height));
  printer.add(Buffer.from([0x0a]));
  return height;
}

function printQr(
  printer: ThermalPrinter,
  data: string,
  x: number,
  sizeDots: number,
  how: "native" | "raster",
): number {
  const matrix = qrMatrix(data);
  const module = Math.max(1, Math.floor(sizeDots / matrix.size));
  if (how === "native") {
    // GS ( k cell size is 1–16 dots; printers clamp larger values to 8 in practice.
    const cellSize = Math.min(8, module);
    printer.add(leftMargin(x));
    printer.printQR(data, { cellSize, correction: QR_ECC, model: 2 });
    printer.add(leftMargin(0));
    return matrix.size * cellSize;
  }
  const image = createBitmap(x + matrix.size * module, matrix.size * module);
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.dark(row, col)) fill(image, x + col * module, row * module, module, module);
    }
  }
  printer.add(rasterImage(image as Bitmap));
  return image.height;
}
